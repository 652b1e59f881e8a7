#!/usr/bin/env node
// The `pat` command. A committed launcher rather than a link to dist/bin.js, so package managers
// can link the command in a fresh workspace before anything is built.
import "../dist/bin.js";
