#!/bin/sh
# Builds duban/static/vendor/echarts/echarts.custom.min.js: only the ECharts modules the
# dashboard uses (entry.js), from the npm registry, bundled and minified by esbuild.
# Run by `make echarts`; the result is committed, so `make run` needs no Node.
set -eu
ECHARTS_VERSION=5.6.0
ESBUILD_VERSION=0.28.2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/var/echarts-build"
mkdir -p "$work"
cp "$here/entry.js" "$work/entry.js"
cd "$work"
[ -f package.json ] || echo '{"private": true}' > package.json
npm install --silent --no-audit --no-fund --save-exact "echarts@$ECHARTS_VERSION" "esbuild@$ESBUILD_VERSION"
out="$root/duban/static/vendor/echarts/echarts.custom.min.js"
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2017 \
  --legal-comments=none --banner:js="/*! ECharts $ECHARTS_VERSION (Apache-2.0), custom build for duban: tools/echarts/entry.js */" \
  --outfile="$out"
# Compressed beside it (Node's zlib): WhiteNoise serves the .br or .gz a browser accepts, so
# the 533 KB leave as 150 KB without compressing on every request.
node -e '
const fs = require("fs"), zlib = require("zlib"), f = process.argv[1], d = fs.readFileSync(f);
fs.writeFileSync(f + ".br", zlib.brotliCompressSync(d, {params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: d.length}}));
fs.writeFileSync(f + ".gz", zlib.gzipSync(d, {level: 9}));' "$out"
ls -l "$out" "$out.br" "$out.gz"
