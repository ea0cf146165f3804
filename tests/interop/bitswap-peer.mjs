// Helia reference peer for IpfsMount's Bitswap interop tests and benchmark (run with the pinned Node 22).
// Light node only: TCP on 127.0.0.1, noise, yamux, identify, ping, bitswap; no bootstrap/DHT/relay/HTTP.
// Prints {"event":"listening","addr":...,"peer":...}, then answers JSON commands from stdin, one per line:
//   {"cmd":"add-file","path":p}         import a file (CIDv1, raw leaves, 262144-byte chunks, 174 links) -> {cid}
//   {"cmd":"add-dir","path":p}          import a directory tree the same way -> {cid}
//   {"cmd":"dial","addr":ma}            connect -> {peer}
//   {"cmd":"fetch","cid":c}             fetch over Bitswap: a file -> {kind:"file",size,sha256}; a directory ->
//                                       {kind:"dir",files:[{path,size,sha256}]}; with elapsedMs and cpuMs
//   {"cmd":"hangup","peer":id}          close connections to a peer
// Every answer is one JSON line {"ok":true,...} or {"ok":false,"error":...}. Exits when stdin closes.
import { createHeliaLight } from 'helia'
import { withLibp2pLight } from '@helia/libp2p'
import { withBitswap } from '@helia/bitswap'
import { unixfs } from '@helia/unixfs'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const IMPORT = {
  cidVersion: 1,
  rawLeaves: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
  wrapWithDirectory: false
}

const helia = withBitswap(withLibp2pLight(createHeliaLight(), {
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping() }
}))
await helia.start()
const ufs = unixfs(helia)

function fileSource (p) {
  return (async function * () {
    const fd = await fs.promises.open(p, 'r')
    try {
      const buf = Buffer.alloc(1 << 20)
      for (;;) {
        const { bytesRead } = await fd.read(buf, 0, buf.length, null)
        if (bytesRead === 0) break
        yield Uint8Array.prototype.slice.call(buf, 0, bytesRead)
      }
    } finally {
      await fd.close()
    }
  })()
}

function * walk (root, rel) {
  const full = path.join(root, rel)
  const entries = fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
  yield { path: rel }
  for (const e of entries) {
    const r = path.posix.join(rel, e.name)
    if (e.isDirectory()) yield * walk(root, r)
    else yield { path: r, content: fileSource(path.join(root, r)) }
  }
}

async function addFile (p) {
  let last
  for await (const entry of importer([{ content: fileSource(p) }], helia.blockstore, IMPORT)) last = entry
  return { cid: last.cid.toString() }
}

async function addDir (p) {
  const name = path.basename(p)
  let root
  for await (const entry of importer(walk(path.dirname(p), name), helia.blockstore, IMPORT)) {
    if (entry.path === name) root = entry
  }
  return { cid: root.cid.toString() }
}

async function hashFile (cid) {
  const h = createHash('sha256')
  let size = 0
  for await (const buf of ufs.cat(cid, { signal: AbortSignal.timeout(600_000) })) {
    h.update(buf)
    size += buf.length
  }
  return { size, sha256: h.digest('hex') }
}

async function fetchTree (cid, prefix, files) {
  for await (const entry of ufs.ls(cid, { signal: AbortSignal.timeout(600_000) })) {
    const p = prefix + '/' + entry.name
    const stat = await ufs.stat(entry.cid, { signal: AbortSignal.timeout(600_000) })
    if (stat.type === 'directory') await fetchTree(entry.cid, p, files)
    else files.push({ path: p, ...(await hashFile(entry.cid)) })
  }
}

async function fetch (cidText) {
  const cid = CID.parse(cidText)
  const started = performance.now()
  const cpu = process.cpuUsage()
  const stat = await ufs.stat(cid, { signal: AbortSignal.timeout(600_000) })
  let result
  if (stat.type === 'directory') {
    const files = []
    await fetchTree(cid, '', files)
    result = { kind: 'dir', files }
  } else {
    result = { kind: 'file', ...(await hashFile(cid)) }
  }
  const used = process.cpuUsage(cpu)
  return { ...result, elapsedMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

async function handle (cmd) {
  switch (cmd.cmd) {
    case 'add-file': return addFile(cmd.path)
    case 'add-dir': return addDir(cmd.path)
    case 'dial': {
      const conn = await helia.libp2p.dial(multiaddr(cmd.addr), { signal: AbortSignal.timeout(30_000) })
      return { peer: conn.remotePeer.toString() }
    }
    case 'fetch': return fetch(cmd.cid)
    case 'hangup': {
      await helia.libp2p.hangUp(peerIdFromString(cmd.peer))
      return {}
    }
    default: throw new Error(`unknown command ${cmd.cmd}`)
  }
}

const addr = helia.libp2p.getMultiaddrs().find(a => a.toString().startsWith('/ip4/127.0.0.1/tcp/'))
out({ event: 'listening', addr: addr.toString(), peer: helia.libp2p.peerId.toString() })

const rl = readline.createInterface({ input: process.stdin })
let queue = Promise.resolve()
rl.on('line', (line) => {
  if (line.trim() === '') return
  queue = queue.then(async () => {
    try {
      out({ ok: true, ...(await handle(JSON.parse(line))) })
    } catch (err) {
      out({ ok: false, error: String(err?.stack ?? err) })
    }
  })
})
rl.on('close', () => {
  queue.then(() => helia.stop()).finally(() => process.exit(0))
})
