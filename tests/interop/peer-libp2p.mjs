// Reference js-libp2p peer for IpfsMount's libp2p interop tests (run with the pinned Node 22).
// Light node only: TCP on 127.0.0.1, noise, yamux, identify, ping and an echo protocol; no bootstrap/DHT/relay.
// Prints one JSON line {"event":"listening",...}, then answers JSON commands read from stdin, one per line.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import readline from 'node:readline'

const ECHO = '/ipfsmount/test/echo/1.0.0'
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping() }
})

await node.handle(ECHO, async (stream) => {
  for await (const chunk of stream) {
    if (!stream.send(chunk)) await stream.onDrain()
  }
  await stream.close()
}, { maxInboundStreams: 512, maxOutboundStreams: 512 })

async function echoOnce (peer, size) {
  const stream = await node.dialProtocol(peer, ECHO)
  const data = new Uint8Array(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff
  const reading = (async () => {
    const parts = []
    let total = 0
    for await (const chunk of stream) {
      const bytes = chunk.subarray()
      parts.push(bytes)
      total += bytes.length
    }
    const all = new Uint8Array(total)
    let off = 0
    for (const p of parts) { all.set(p, off); off += p.length }
    return all
  })()
  for (let off = 0; off < size; off += 65536) {
    if (!stream.send(data.subarray(off, Math.min(size, off + 65536)))) await stream.onDrain()
  }
  await stream.close()
  const back = await reading
  return back.length === size && back.every((b, i) => b === data[i])
}

async function handle (cmd) {
  switch (cmd.cmd) {
    case 'dial': {
      const conn = await node.dial(multiaddr(cmd.addr))
      return { peer: conn.remotePeer.toString() }
    }
    case 'ping': {
      const rtt = await node.services.ping.ping(peerIdFromString(cmd.peer))
      return { rtt }
    }
    case 'echo': {
      const peer = peerIdFromString(cmd.peer)
      const results = await Promise.all(Array.from({ length: cmd.streams ?? 1 }, () => echoOnce(peer, cmd.size ?? 1000)))
      return { allIntact: results.every(Boolean), count: results.length }
    }
    case 'peerinfo': {
      const peer = await node.peerStore.get(peerIdFromString(cmd.peer))
      const agent = peer.metadata.get('AgentVersion')
      return {
        protocols: peer.protocols,
        agentVersion: agent ? new TextDecoder().decode(agent) : null,
        addresses: peer.addresses.map(a => a.multiaddr.toString())
      }
    }
    case 'connections':
      return { peers: node.getConnections().map(c => c.remotePeer.toString()) }
    case 'stop':
      await node.stop()
      process.exit(0)
    default:
      throw new Error('unknown command ' + cmd.cmd)
  }
}

const rl = readline.createInterface({ input: process.stdin })
rl.on('line', (line) => {
  let cmd
  try { cmd = JSON.parse(line) } catch (e) { out({ id: null, error: 'bad json: ' + e.message }); return }
  handle(cmd).then(
    (result) => out({ id: cmd.id, ok: true, ...result }),
    (err) => out({ id: cmd.id, ok: false, error: String(err?.stack ?? err) })
  )
})
rl.on('close', async () => { await node.stop(); process.exit(0) })

out({ event: 'listening', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })
