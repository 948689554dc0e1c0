/** TRUST_PROXY's matcher and the address wrong keys are counted by (pure parts of the wrong-key limit). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countedAddress } from '../../src/api/auth-limit.ts';
import { trustConnectionPeer } from '../../src/api/trusted-proxy.ts';

describe('trustConnectionPeer', () => {
  const trust = trustConnectionPeer(['10.0.0.0/8', '192.0.2.7', 'loopback', 'fd00::/8']);
  test('the connection peer in a listed address, range or named range is trusted', () => {
    for (const address of ['10.1.2.3', '::ffff:10.1.2.3', '192.0.2.7', '127.0.0.1', '::1', 'fd12::5'])
      assert.equal(trust(address, 0), true, address);
  });
  test('an address outside every entry is not', () => {
    for (const address of ['11.0.0.1', '192.0.2.8', '2001:db8::1', 'not an address'])
      assert.equal(trust(address, 0), false, address);
  });
  test('no hop before the peer is trusted, even in the list (a client could prepend it)', () => {
    assert.equal(trust('10.1.2.3', 1), false);
    assert.equal(trust('127.0.0.1', 2), false);
  });
});

describe('countedAddress', () => {
  const cases: [string, string][] = [
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:abcd::99', '2001:db8:0:0::/64'],
    ['2001:0DB8:0000:0001::2', '2001:db8:0:1::/64'],
  ];
  for (const [ip, counted] of cases)
    test(`${ip} → ${counted}`, () => assert.equal(countedAddress(ip), counted));
});
