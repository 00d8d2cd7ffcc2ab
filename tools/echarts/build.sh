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
ls -l "$out"
