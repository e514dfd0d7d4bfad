// Parse GIFT files with gift-pegjs and print the questions as JSON (one array per file).
// Usage: node gift_parse.js NODE_MODULES FILE...
const path = require("path");
const fs = require("fs");
const parser = require(path.join(process.argv[2], "gift-pegjs"));
const out = [];
for (const file of process.argv.slice(3)) {
  out.push(parser.parse(fs.readFileSync(file, "utf8")));
}
process.stdout.write(JSON.stringify(out));
