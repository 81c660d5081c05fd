// Bundles the front end (esbuild) and serves www/ with it at http://localhost:3000 until stopped;
// a change to src/ is rebuilt on the next page load.
import * as esbuild from "esbuild";

const context = await esbuild.context({
    entryPoints: ["src/app.ts"],
    bundle: true,
    format: "iife",
    target: "es2022",
    outfile: "www/app.js",
    logLevel: "warning",
});
await context.serve({ servedir: "www", host: "localhost", port: 3000 });
console.log("The reference front end: http://localhost:3000 (sign in as a demo person; Ctrl+C stops)");
