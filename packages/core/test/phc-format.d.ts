// @phc/format ships no types; the one declaration of the workspace lives in @pat/tooling.
/// <reference types="@pat/tooling/phc-format" />
