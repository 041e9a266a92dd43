/**
 * python-reference.md, program 8: Pipe between two processes.
 *
 * Two processes hold the two ends of a duplex Pipe(). The "ping" side sends
 * numbered messages and waits for each answer with poll(timeout); the "pong"
 * side receives each one and answers, until it gets null.
 *
 * Run: npx tsx examples/pipe.ts [rounds=3]
 */
import { Pipe, Process, type Connection } from 'corepool';

const rounds = Number(process.argv[2] ?? 3);

function ping(conn: Connection, n: number): void {
  for (let i = 0; i < n; i++) {
    conn.sendSync({ ping: i });
    if (!conn.pollSync(5000)) throw new Error('no answer within 5 s');
    console.log('ping got', JSON.stringify(conn.recvSync()));
  }
  conn.sendSync(null);
  // poll with a short timeout: nothing more is coming.
  console.log(`poll after the last answer: ${conn.pollSync(50)}`);
}

function pong(conn: Connection): void {
  for (;;) {
    const msg = conn.recvSync() as { ping: number } | null;
    if (msg === null) break;
    conn.sendSync({ pong: msg.ping, squared: msg.ping * msg.ping });
  }
  console.log('pong done');
}

const [a, b] = Pipe();
const ps = [new Process({ target: ping, args: [a, rounds], name: 'ping' }), new Process({ target: pong, args: [b], name: 'pong' })];
for (const p of ps) p.start();
for (const p of ps) await p.join();
console.log(`exit codes: ${ps.map((p) => p.exitCode).join(', ')}`);
