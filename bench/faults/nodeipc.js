// A node worker for bench/faults.sh that writes hostile bytes on node's IPC channel (NODE_CHANNEL_FD) past node's
// own framing: random bytes, a 1 MiB line, invalid UTF-8, cluster messages nested 30 000 deep or with wrong types,
// and a burst of 5000 cluster notices; then "IPC DONE" on stdout, and it stays up (a well-behaved worker again).
const fs = require('fs');
const crypto = require('crypto');
const fd = Number(process.env.NODE_CHANNEL_FD);
const write = (b) => { try { fs.writeSync(fd, b); } catch (e) { /* the daemon may close the channel */ } };
write(crypto.randomBytes(1 << 20));
write('\n' + 'z'.repeat(1 << 20) + '\n');
write(Buffer.from([0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0x0a]));
write('{"cmd":"NODE_CLUSTER","x":' + '['.repeat(30000) + ']'.repeat(30000) + '}\n');
write('{"cmd":"NODE_CLUSTER","act":"queryServer","seq":"x","port":[1]}\n');
write('{"cmd":"NODE_CLUSTER","act":"queryServer","seq":1e400,"port":-5}\n');
for (let i = 0; i < 5000; i++) write('{"cmd":"NODE_CLUSTER","act":"online","i":' + i + '}\n');
write('"ready"\n');
console.log('IPC DONE');
setInterval(() => {}, 1 << 30);
