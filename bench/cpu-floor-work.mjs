// One unit of CPU-bound work for bench/cpu-floor.ts, shaped like a pipeline stage (text, regexes, objects, GC,
// a live heap of HEAP_MB it keeps reading and replacing, as a child holding a document does), then its process's
// CPU (all threads: V8's GC and compiler threads too) as JSON on stdout.
//   node bench/cpu-floor-work.mjs ROUNDS HEAP_MB
const rounds = Number(process.argv[2] ?? 400);
const heapMb = Number(process.argv[3] ?? 0);
const words = Array.from({ length: 5000 }, (_, i) => `word${(i * 7919) % 5003}`);
// ~100 bytes per record.
const live = Array.from({ length: heapMb * 10_000 }, (_, i) => ({ id: i, text: `record ${i}`, next: null }));
let checksum = 0;
let seed = 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed;
};
const start = process.cpuUsage();
for (let round = 0; round < rounds; round++) {
  const text = words.map((w, i) => (i % 17 === 0 ? `${w}.` : w)).join(' ');
  const sentences = text.split(/(?<=\.)\s+/);
  const counts = new Map();
  for (const sentence of sentences) {
    for (const token of sentence.match(/\w+/g) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  checksum += JSON.parse(JSON.stringify(ranked.slice(0, 500))).length;
  for (let i = 0; i < live.length / 50; i++) {
    const at = random() % live.length;
    checksum += live[at].id & 1;
    if (i % 8 === 0) live[at] = { id: at, text: `record ${at} ${round}`, next: live[random() % live.length] };
  }
}
const used = process.cpuUsage(start);
process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, checksum }));
