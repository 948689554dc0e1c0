/**
 * The part of the WebAssembly JavaScript API the engine uses. TypeScript declares it only in its DOM library,
 * which this Node project does not load.
 */
declare namespace WebAssembly {
  class Module {}
  class Instance {
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
  /** A trap, or an Emscripten abort. */
  class RuntimeError extends Error {}
  type Imports = Record<string, Record<string, unknown>>;
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
