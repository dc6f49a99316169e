import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A local Socket Mode endpoint: what apps.connections.open points the client to. It greets
 * with "hello", sends envelopes, and records the acks. The `ws` package here is botbuilder's
 * dependency (Socket Mode itself uses undici), so this speaks the few frames it needs itself
 * (RFC 6455: text, ping/pong, close).
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Reads whole client frames (always masked) off the front of `buffer`. */
function* frames(state: { buffer: Buffer }): Generator<{ opcode: number; payload: Buffer }> {
  for (;;) {
    const b = state.buffer;
    if (b.length < 2) return;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (b[1]! & 0x80) !== 0;
    const start = offset + (masked ? 4 : 0);
    if (b.length < start + length) return;
    const payload = Buffer.from(b.subarray(start, start + length));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= b[offset + (i % 4)]!;
    state.buffer = b.subarray(start + length);
    yield { opcode: b[0]! & 0x0f, payload };
  }
}

export class FakeSlackSocket {
  /** Messages the client sent: acks `{ envelope_id, payload }`. */
  readonly received: Array<Record<string, unknown>> = [];
  private readonly sockets = new Set<Duplex>();
  private readonly server = createServer((_req, res) => res.writeHead(426).end());
  private port = 0;

  async start(): Promise<this> {
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => this.accept(req, socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=test`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Sends an envelope to every connected client (Slack sends each to one; tests have one). */
  send(envelope: Record<string, unknown>): void {
    const data = frame(0x1, Buffer.from(JSON.stringify(envelope)));
    for (const socket of this.sockets) socket.write(data);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${String(key)}${GUID}`).digest('base64');
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    this.sockets.add(socket);
    const state = { buffer: Buffer.alloc(0) };
    socket.on('data', (chunk: Buffer) => {
      state.buffer = Buffer.concat([state.buffer, chunk]);
      for (const { opcode, payload } of frames(state)) {
        if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.end(frame(0x8, payload));
          this.sockets.delete(socket);
        }
      }
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0RAPPORTEUR' }, debug_info: { host: 'fake' } }))));
  }
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  return new FakeSlackSocket().start();
}
