// Minimal types for the devDependency @phc/format 1.0.0 (the reference of the PHC differential test).
declare module "@phc/format" {
  export interface PhcFormatObject {
    id: string;
    version?: number;
    params?: Record<string, string | number>;
    salt?: Buffer;
    hash?: Buffer;
  }
  export function serialize(opts: PhcFormatObject): string;
  export function deserialize(phc: string): PhcFormatObject;
}
