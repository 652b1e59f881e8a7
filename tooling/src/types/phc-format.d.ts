// Minimal types for @phc/format 1.0.0 (it ships none), the serializer @access-tokens/core uses:
// the PHC differential tests of @pat/crypto and the compatibility tests of @pat/core build their
// references with it. This is the one declaration: a package lists it in its tsconfig,
// `"compilerOptions": { "types": ["node", "@pat/tooling/phc-format"] }`.
declare module "@phc/format" {
  export interface PhcFormatObject {
    id: string;
    version?: number;
    params?: Record<string, string | number>;
    salt?: Buffer;
    hash?: Buffer;
  }
  export function serialize(obj: PhcFormatObject): string;
  export function deserialize(phc: string): PhcFormatObject;
}
