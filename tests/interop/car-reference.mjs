// Reference CAR tool for IpfsMount's CAR differential tests, built on @ipld/car.
//   node car-reference.mjs read <file.car>            -> JSON {version, roots, blocks:[{cid, sha256, size}]}
//   node car-reference.mjs rewrite <in.car> <out.car> -> rewrites the blocks of <in.car> as a CARv1 with @ipld/car
import fs from 'node:fs'
import { createHash } from 'node:crypto'
import { CarBlockIterator, CarWriter } from '@ipld/car'

const [mode, input, output] = process.argv.slice(2)

async function open (file) {
  return CarBlockIterator.fromIterable(fs.createReadStream(file))
}

if (mode === 'read') {
  const it = await open(input)
  const roots = (await it.getRoots()).map(String)
  const blocks = []
  for await (const { cid, bytes } of it) {
    blocks.push({ cid: cid.toString(), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
  }
  process.stdout.write(JSON.stringify({ version: it.version, roots, blocks }))
} else if (mode === 'rewrite') {
  const it = await open(input)
  const { writer, out } = CarWriter.create(await it.getRoots())
  const sink = fs.createWriteStream(output)
  const done = (async () => { for await (const chunk of out) sink.write(chunk) })()
  for await (const block of it) await writer.put(block)
  await writer.close()
  await done
  await new Promise((resolve, reject) => sink.end(err => err ? reject(err) : resolve()))
} else {
  process.stderr.write('usage: car-reference.mjs read <file> | rewrite <in> <out>\n')
  process.exit(2)
}
