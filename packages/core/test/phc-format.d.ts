// Minimal types for the devDependency @phc/format 1.0.0, the serializer @access-tokens/core uses;
// the compatibility tests build their fixtures with it.
declare module "@phc/format" {
  export interface PhcObject {
    id: string;
    version?: number;
    params?: Record<string, string | number>;
    salt?: Buffer;
    hash?: Buffer;
  }
  export function serialize(obj: PhcObject): string;
  export function deserialize(phc: string): PhcObject;
}
