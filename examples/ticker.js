// Logs steadily to stdout, and now and then to stderr.
let n = 0;
setInterval(() => {
  n++;
  console.log(`tick ${n} from instance ${process.env.JPM_INSTANCE}`);
  if (n % 5 === 0) console.error(`warning ${n}: something worth a look`);
}, 1000);
