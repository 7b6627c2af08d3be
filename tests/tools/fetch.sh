#!/usr/bin/env bash
# The page checkers of the browser tests (tests/Habeas.Tests/Browser/PageChecks.cs), from the npm registry:
# axe-core (accessibility) and vnu-jar (the Nu HTML checker, run with java). Pinned; fetched once into .cache/.
set -euo pipefail
cd "$(dirname "$0")"
AXE=4.11.4
VNU=26.9.27
mkdir -p .cache
cd .cache
if [ ! -f axe.min.js ] || ! grep -q "axe v$AXE" axe.min.js; then
  npm pack --silent "axe-core@$AXE" >/dev/null
  tar -xzf "axe-core-$AXE.tgz" package/axe.min.js
  mv package/axe.min.js axe.min.js
  rm -rf package "axe-core-$AXE.tgz"
fi
if [ ! -f vnu.jar ] || [ "$(cat vnu.version 2>/dev/null)" != "$VNU" ]; then
  npm pack --silent "vnu-jar@$VNU" >/dev/null
  tar -xzf "vnu-jar-$VNU.tgz" package/build/dist/vnu.jar
  mv package/build/dist/vnu.jar vnu.jar
  echo "$VNU" > vnu.version
  rm -rf package "vnu-jar-$VNU.tgz"
fi
echo "Page checkers: axe-core $AXE and vnu-jar $VNU in $(pwd)"
