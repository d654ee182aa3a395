// Burns CPU in bursts.
setInterval(() => { const end = Date.now() + 300; while (Date.now() < end) {} }, 1000);
