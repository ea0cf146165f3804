// Hash-only import throughput of the pinned ipfs-unixfs-importer (Kubo profile, discarding blockstore).
// Usage: node bench-import-hash.mjs <file>   → prints `js <MB/s> MB/s <cid> peakRSS <MiB> MiB`
import fs from 'node:fs'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

const file = process.argv[2]
const discard = { put: async (cid) => cid, get: async () => { throw new Error('not stored') }, has: async () => false }
const options = { cidVersion: 0, rawLeaves: false, leafType: 'file', reduceSingleLeafToSelf: true, chunker: fixedSize({ chunkSize: 262144 }), layout: balanced({ maxChildrenPerNode: 174 }) }
const size = fs.statSync(file).size
const start = process.hrtime.bigint()
let root
for await (const entry of importer([{ content: fs.createReadStream(file, { highWaterMark: 1 << 20 }) }], discard, options)) root = entry
const seconds = Number(process.hrtime.bigint() - start) / 1e9
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]
console.log(`js ${(size / 1e6 / seconds).toFixed(1)} MB/s ${root.cid} peakRSS ${(hwm / 1024).toFixed(0)} MiB`)
