// Pack files (DESIGN.md, "Pack files"): damaged pack bytes are reported as corrupt blocks, repos written before packs
// still read, and readers, writers, commits and GC work at the same time.
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;

public sealed class PackStoreTests
{
    private const int BlockSize = 64 * 1024;

    /// <summary>A new repo in <paramref name="dir"/> holding <paramref name="blocks"/>, closed again.</summary>
    private static async Task PutAllAndCloseAsync(TempRepo dir, IReadOnlyList<(Cid Cid, byte[] Data)> blocks)
    {
        using var repo = dir.Init();
        foreach (var (cid, data) in blocks)
        {
            await repo.Blocks.PutAsync(cid, data);
        }
    }

    /// <summary>Damages one byte of a pack file in place.</summary>
    private static void FlipBits(string pack, long position, byte mask)
    {
        using var stream = new FileStream(pack, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = position;
        var b = stream.ReadByte();
        stream.Position--;
        stream.WriteByte((byte)(b ^ mask));
    }

    [Fact]
    public async Task A_flipped_byte_in_a_pack_is_a_corrupt_block_naming_its_cid_and_verify_reports_it()
    {
        using var dir = new TempRepo();
        var blocks = WritePathTests.RandomBlocks(seed: 11, count: 3);
        await PutAllAndCloseAsync(dir, blocks);

        FlipBits(Assert.Single(WritePathTests.PackFiles(dir.Path)), BlockSize + 1000, 0x01); // inside the second block

        using (var repo = dir.Open())
        {
            var e = await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.Blocks.GetAsync(blocks[1].Cid));
            Assert.Contains(blocks[1].Cid.ToString(), e.Message);
            Assert.Equal(blocks[0].Data, (await repo.Blocks.GetAsync(blocks[0].Cid)).ToArray());
            var problem = Assert.Single(repo.Verify().Corrupt);
            Assert.Equal(blocks[1].Cid, problem.Cid);
        }
    }

    [Fact]
    public async Task Rented_reads_give_pack_blocks_in_pooled_buffers_inline_blocks_as_they_are_and_refuse_a_flipped_byte()
    {
        using var dir = new TempRepo();
        var blocks = WritePathTests.RandomBlocks(seed: 12, count: 3);
        var small = System.Text.Encoding.ASCII.GetBytes("a small block stays in RocksDB");
        var smallCid = Cid.Compute(small, Multicodec.Raw);
        await PutAllAndCloseAsync(dir, [.. blocks, (smallCid, small)]);
        FlipBits(Assert.Single(WritePathTests.PackFiles(dir.Path)), 2 * BlockSize + 10, 0x80); // inside the third block

        using var repo = dir.Open();
        foreach (var (cid, data) in blocks.Take(2))
        {
            using var lease = await repo.LocalBlocks.RentAsync(cid);
            Assert.True(lease.IsPooled);
            Assert.Equal(data, lease.Data.ToArray());
        }
        using (var inline = await repo.LocalBlocks.RentAsync(smallCid))
        {
            Assert.False(inline.IsPooled);
            Assert.Equal(small, inline.Data.ToArray());
        }
        var e = await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.LocalBlocks.RentAsync(blocks[2].Cid));
        Assert.Contains(blocks[2].Cid.ToString(), e.Message);
        await Assert.ThrowsAsync<BlockNotFoundException>(async () =>
            await repo.LocalBlocks.RentAsync(Cid.Compute(new byte[BlockSize], Multicodec.Raw)));
    }

    [Fact]
    public async Task A_pack_cut_short_or_deleted_makes_its_blocks_corrupt_not_missing_or_crashing()
    {
        using var dir = new TempRepo();
        var blocks = WritePathTests.RandomBlocks(seed: 12, count: 2);
        await PutAllAndCloseAsync(dir, blocks);

        var pack = Assert.Single(WritePathTests.PackFiles(dir.Path));
        using (var stream = new FileStream(pack, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(BlockSize + 10); // a torn tail: the second block ends early
        }

        using (var repo = dir.Open())
        {
            Assert.Equal(blocks[0].Data, (await repo.Blocks.GetAsync(blocks[0].Cid)).ToArray());
            var e = await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.Blocks.GetAsync(blocks[1].Cid));
            Assert.Contains(blocks[1].Cid.ToString(), e.Message);
            Assert.Equal(blocks[1].Cid, Assert.Single(repo.Verify().Corrupt).Cid);
        }

        File.Delete(pack);
        using (var repo = dir.Open())
        {
            await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.Blocks.GetAsync(blocks[0].Cid));
            Assert.Equal(2, repo.Verify().Corrupt.Count);
        }
    }

    [Fact]
    public async Task Large_blocks_stored_inline_by_an_older_repo_still_read_verify_and_survive_gc()
    {
        using var dir = new TempRepo();
        var legacy = WritePathTests.RandomBlocks(seed: 13, count: 2);
        var bad = WritePathTests.RandomBlocks(seed: 14, count: 1)[0];
        using (dir.Init())
        {
        }

        foreach (var (cid, data) in legacy)
        {
            BlockStoreTests.WriteRaw(dir.Path, cid.Hash.ToBytes(), [.. Varint.Encode(cid.Codec), .. data]);
        }

        byte[] rotten = [.. bad.Data];
        rotten[5] ^= 0xff;
        BlockStoreTests.WriteRaw(dir.Path, bad.Cid.Hash.ToBytes(), [.. Varint.Encode(bad.Cid.Codec), .. rotten]);

        using var repo = dir.Open();
        foreach (var (cid, data) in legacy)
        {
            Assert.Equal(data, (await repo.Blocks.GetAsync(cid)).ToArray());
        }

        await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.Blocks.GetAsync(bad.Cid));
        Assert.Equal(bad.Cid, Assert.Single(repo.Verify().Corrupt).Cid);
        await repo.Pins.AddAsync(legacy[0].Cid, recursive: false);
        var result = await repo.Gc.CollectAsync();
        Assert.Equal(new HashSet<Cid> { legacy[1].Cid, bad.Cid }, result.Removed.ToHashSet());
        Assert.Equal(legacy[0].Data, (await repo.LocalBlocks.GetAsync(legacy[0].Cid)).ToArray());
        Assert.Equal(0, repo.PackBytes);
    }

    [Fact]
    public async Task Repo_stat_counts_the_packs_on_disk_and_a_gc_of_unpinned_blocks_gives_the_space_back()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var empty = repo.Stat().DiskBytes;
        foreach (var (cid, data) in WritePathTests.RandomBlocks(seed: 31, count: 64, size: 64 * 1024))
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        var full = repo.Stat();
        Assert.Equal(64 * 64 * 1024L, full.BlockBytes);
        Assert.True(full.DiskBytes >= empty + full.BlockBytes, $"disk bytes {full.DiskBytes} < {empty} + {full.BlockBytes}");
        await repo.Gc.CollectAsync();
        var after = repo.Stat();
        Assert.Equal(0, after.BlockCount);
        // The packs go; RocksDB's own files grow a little by the GC's writes (WAL, manifest).
        Assert.True(full.DiskBytes - after.DiskBytes >= full.BlockBytes * 9 / 10, $"disk bytes {after.DiskBytes} after GC, {full.DiskBytes} before");
    }

    [Fact]
    public async Task Verify_running_while_gc_rewrites_packs_reports_no_block_as_corrupt()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        repo.Database.Packs.RollBytes = 8 * BlockSize;
        var pinned = WritePathTests.RandomBlocks(seed: 21, count: 32, size: 16 * 1024);
        foreach (var (cid, data) in pinned)
        {
            await repo.Blocks.PutAsync(cid, data);
            await repo.Pins.AddAsync(cid, recursive: false);
        }

        var stop = 0;
        var verifies = 0;
        var problems = new List<string>();
        var verifier = Task.Factory.StartNew(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                var report = repo.Verify();
                problems.AddRange(report.Corrupt.Select(p => $"{p.Cid}: {p.Error}"));
                Interlocked.Increment(ref verifies);
            }
        }, TaskCreationOptions.LongRunning);
        try
        {
            for (var round = 0; round < 6; round++)
            {
                // Pinned blocks among three times as much garbage: every GC deletes blocks the verifier's snapshot
                // still lists and moves pinned ones out of packs it deletes.
                var kept = WritePathTests.RandomBlocks(seed: 300 + round, count: 16, size: 16 * 1024);
                var garbage = WritePathTests.RandomBlocks(seed: 200 + round, count: 48, size: 16 * 1024);
                for (var i = 0; i < kept.Count; i++)
                {
                    await repo.Blocks.PutAsync(kept[i].Cid, kept[i].Data);
                    await repo.Pins.AddAsync(kept[i].Cid, recursive: false);
                    foreach (var (cid, data) in garbage.Skip(3 * i).Take(3))
                    {
                        await repo.Blocks.PutAsync(cid, data);
                    }
                }

                repo.Database.Packs.Roll();
                await repo.Gc.CollectAsync();
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            await verifier.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.True(verifies > 0, "verify never ran");
        Assert.True(problems.Count == 0, $"verify reported blocks a GC was moving as corrupt ({verifies} runs): "
            + string.Join("; ", problems.Take(5)));
        Assert.True(repo.Verify().Ok);
    }

    [Fact]
    public async Task Readers_writers_synced_commits_and_gc_run_at_once_and_every_block_reads_back_right()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        repo.Database.Packs.RollBytes = 8 * BlockSize; // many rolls, and GC rewrites packs under the readers
        var pinned = WritePathTests.RandomBlocks(seed: 15, count: 24, size: 16 * 1024);
        var garbage = WritePathTests.RandomBlocks(seed: 16, count: 3 * 24, size: 16 * 1024);
        for (var i = 0; i < pinned.Count; i++)
        {
            await repo.Blocks.PutAsync(pinned[i].Cid, pinned[i].Data);
            await repo.Pins.AddAsync(pinned[i].Cid, recursive: false);
            foreach (var (cid, data) in garbage.Skip(3 * i).Take(3))
            {
                await repo.Blocks.PutAsync(cid, data); // so every pack of pinned blocks is mostly garbage
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stop = 0;
        var reads = 0;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            // Each writer puts fresh blocks and reads every one back at once (before any sync), as MFS does.
            foreach (var (cid, data) in WritePathTests.RandomBlocks(seed: 100 + w, count: 40, size: 16 * 1024))
            {
                await repo.Blocks.PutAsync(cid, data, cts.Token);
                Assert.Equal(data, (await repo.LocalBlocks.GetAsync(cid, cts.Token)).ToArray());
            }
        })).ToList();
        // Readers and the committer loop on their own threads (the thread pool of a loaded 2-core machine starts new
        // pool threads slowly), so they run while the writers and the GC do.
        var readers = Enumerable.Range(0, 2).Select(r => Task.Factory.StartNew(() =>
        {
            var rng = new Random(r);
            while (Volatile.Read(ref stop) == 0)
            {
                var (cid, data) = pinned[rng.Next(pinned.Count)];
                Assert.Equal(data, repo.LocalBlocks.Get(cid).ToArray());
                Interlocked.Increment(ref reads);
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        var committer = Task.Factory.StartNew(() =>
        {
            for (var i = 0; Volatile.Read(ref stop) == 0; i++)
            {
                repo.MfsRoots.SetCurrentRoot(pinned[i % pinned.Count].Cid); // synced: syncs the packs first
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(writers);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 0, TimeSpan.FromSeconds(30)), "the readers never ran");
        await repo.Gc.CollectAsync(cts.Token); // removes the writers' unpinned blocks and rewrites their packs
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(readers.Append(committer));

        Assert.True(reads > 0);
        Assert.Equal(24 * 16 * 1024L, repo.PackBytes);
        Assert.True(repo.Verify().Ok);
        foreach (var (cid, data) in pinned)
        {
            Assert.Equal(data, (await repo.LocalBlocks.GetAsync(cid)).ToArray());
        }
    }

    [Fact]
    public async Task After_a_power_loss_blocks_whose_pack_bytes_never_reached_the_disk_read_as_missing_and_re_put()
    {
        using var dir = new TempRepo();
        using var copy = new TempRepo();
        var blocks = WritePathTests.RandomBlocks(seed: 17, count: 3);
        using (var repo = dir.Init())
        {
            await repo.Blocks.PutAsync(blocks[0].Cid, blocks[0].Data);
            await repo.Pins.AddAsync(blocks[0].Cid, recursive: false); // synced: block 0 is on disk
            await repo.Blocks.PutAsync(blocks[1].Cid, blocks[1].Data);
            await repo.Blocks.PutAsync(blocks[2].Cid, blocks[2].Data); // index records in the WAL, bytes not synced

            CopyDirectory(dir.Path, copy.Path); // what the disk holds if the machine stops now (as after a SIGKILL)
        }

        // The power loss: the unsynced bytes of block 2 never reached the disk (block 1's did, by the OS's writeback).
        using (var stream = new FileStream(Assert.Single(WritePathTests.PackFiles(copy.Path)), FileMode.Open, FileAccess.Write))
        {
            stream.Position = 2L * BlockSize;
            stream.Write(new byte[BlockSize]);
        }

        using (var repo = copy.Open())
        {
            Assert.False(await repo.Blocks.HasAsync(blocks[2].Cid));
            await Assert.ThrowsAsync<BlockNotFoundException>(async () => await repo.Blocks.GetAsync(blocks[2].Cid));
            Assert.Equal(blocks[0].Data, (await repo.Blocks.GetAsync(blocks[0].Cid)).ToArray());
            Assert.Equal(blocks[1].Data, (await repo.Blocks.GetAsync(blocks[1].Cid)).ToArray());
            Assert.True(repo.Verify().Ok);
            await repo.Blocks.PutAsync(blocks[2].Cid, blocks[2].Data);
            Assert.Equal(blocks[2].Data, (await repo.Blocks.GetAsync(blocks[2].Cid)).ToArray());
        }

        using (var repo = copy.Open())
        {
            Assert.Equal(blocks[2].Data, (await repo.Blocks.GetAsync(blocks[2].Cid)).ToArray());
            Assert.Equal(3, repo.Verify().BlocksChecked);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
