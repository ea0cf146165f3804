// Seeded fuzzing of CarReader and CarIndex, and an FsCheck round trip of random block sets through CARv1/CARv2:
// damaged input may only raise InvalidCarException (or BlockCorruptException for a changed block), never hang.
using FsCheck.Xunit;
using IpfsMount.Core;
using IpfsMount.UnixFs.Car;

namespace IpfsMount.UnixFs.Tests.Car;

public sealed class CarFuzzTests
{
    private static async Task<byte[]> Write(IReadOnlyList<byte[]> blocks, int version, bool index = true)
    {
        var output = new MemoryStream();
        var cids = blocks.Select((b, i) => Cid.Compute(b, i % 2 == 0 ? Multicodec.Raw : Multicodec.DagCbor, 1,
            i % 3 == 2 ? Multicodec.Blake3 : Multicodec.Sha2_256)).ToArray();
        await using (var w = await CarWriter.CreateAsync(output, cids.Length > 0 ? [cids[0]] : [],
            new CarWriterOptions { Version = version, WriteIndex = index, LeaveOpen = true }))
        {
            for (int i = 0; i < blocks.Count; i++) await w.WriteBlockAsync(cids[i], blocks[i]);
            await w.CompleteAsync();
        }
        return output.ToArray();
    }

    private static async Task<List<CarBlock>> ReadAll(byte[] car)
    {
        await using var reader = await CarReader.OpenAsync(new MemoryStream(car));
        var blocks = new List<CarBlock>();
        await foreach (var b in reader.ReadBlocksAsync()) blocks.Add(b);
        return blocks;
    }

    [Fact]
    public async Task Damaged_cars_only_raise_car_or_corrupt_block_errors()
    {
        var rng = new Random(20261125);
        var blocks = Enumerable.Range(0, 5).Select(i => { var b = new byte[rng.Next(0, 200)]; rng.NextBytes(b); return b; }).ToArray();
        byte[][] seeds = [await Write(blocks, 1), await Write(blocks, 2), await Write(blocks, 2, index: false)];
        var run = Task.Run(async () =>
        {
            for (int i = 0; i < 3000; i++)
            {
                var seed = seeds[i % seeds.Length];
                var car = (byte[])seed.Clone();
                switch (rng.Next(3))
                {
                    case 0:
                        car = car[..rng.Next(car.Length)];
                        break;
                    case 1:
                        for (int f = rng.Next(1, 4); f > 0; f--) car[rng.Next(car.Length)] ^= (byte)(1 << rng.Next(8));
                        break;
                    default:
                        car = new byte[rng.Next(0, 120)];
                        rng.NextBytes(car);
                        if (car.Length > 0 && rng.Next(2) == 0) car[0] = (byte)Math.Min(car.Length - 1, 0x7f);
                        break;
                }
                try
                {
                    await ReadAll(car);
                }
                catch (Exception e) when (e is IpfsFormatException or BlockCorruptException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"input {Convert.ToHexStringLower(car)} raised {e.GetType().Name}: {e.Message}");
                }
            }
        });
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(90))) == run, "fuzzing did not finish in 90 s");
        await run;
    }

    [Fact]
    public async Task Damaged_indexes_only_raise_invalid_car()
    {
        var rng = new Random(5);
        var blocks = Enumerable.Range(0, 9).Select(i => new[] { (byte)i, (byte)(i * 7) }).ToArray();
        var car = await Write(blocks, 2);
        var header = CarV2Header.Read(car.AsSpan(11));
        var index = car[(int)header.IndexOffset..];
        Assert.Equal(9, CarIndex.Decode(index).Count);
        for (int i = 0; i < 3000; i++)
        {
            var damaged = (byte[])index.Clone();
            if (rng.Next(2) == 0) damaged = damaged[..rng.Next(damaged.Length)];
            else damaged[rng.Next(damaged.Length)] ^= (byte)(1 << rng.Next(8));
            try
            {
                CarIndex.Decode(damaged);
            }
            catch (InvalidCarException)
            {
            }
        }
    }

    [Property(MaxTest = 60, Replay = "(424242,1234567)")]
    public bool Random_block_sets_round_trip_through_v1_and_v2(byte[][] generated, bool v2, bool index)
    {
        var blocks = (generated ?? []).Select(b => b ?? []).ToArray();
        var car = Write(blocks, v2 ? 2 : 1, index).GetAwaiter().GetResult();
        var read = ReadAll(car).GetAwaiter().GetResult();
        if (read.Count != blocks.Length) return false;
        for (int i = 0; i < blocks.Length; i++)
        {
            if (!read[i].Data.Span.SequenceEqual(blocks[i])) return false;
        }
        if (v2 && index)
        {
            var header = CarV2Header.Read(car.AsSpan(11));
            if (CarIndex.Decode(car.AsSpan((int)header.IndexOffset)).Count != read.Count) return false;
        }
        return true;
    }
}
