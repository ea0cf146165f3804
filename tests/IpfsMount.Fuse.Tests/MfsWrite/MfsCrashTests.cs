// Crash test of the writable /mfs: a writer works in `<mnt>/mfs` of a real `ipfsmount mount` process that is SIGKILLed
// at a random moment, 20 times. After each kill: `repo verify` passes, no listed version changed, each new version
// (read in full through `<mnt>/ipfs/<root>`) is a state the writer reached, in order, the last one covers every
// acknowledged fsync, the remounted `<mnt>/mfs` equals it, older versions read back unchanged, and `<mnt>/mfs@`
// lists the same versions with the same roots. Issue 6, "Proof".
using System.Collections.Immutable;

namespace IpfsMount.Fuse.Tests.MfsWrite;

public sealed class MfsCrashTests
{
    private const int Cycles = 20;
    private const int OldVersionSample = 40;

    private sealed record Version(int Number, string Root);

    [Fact]
    public async Task Sigkill_during_writes_never_loses_or_changes_a_committed_version_and_the_remount_shows_the_last_one()
    {
        if (MfsMountProcess.LocalOnly) return; // the harness self-check has no process to kill
        var random = new Random(20261125);
        await using var mount = await MfsMountProcess.StartAsync();
        var verified = new List<Version>();
        var cidsOfVersion = new Dictionary<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);
        var current = VersionTree.ReadLive(mount.Mfs);
        var report = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var writer = new CrashWriter(mount.Mfs, current, cycle, seed: 1000 + cycle);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var writing = Task.Factory.StartNew(() => writer.Run(stop.Token), TaskCreationOptions.LongRunning);
            await Task.Delay(random.Next(150, 1500));
            var killedAt = DateTime.UtcNow;
            await mount.KillAsync(clearStaleMount: false);
            if (await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(60))) != writing)
                Assert.Fail($"cycle {cycle}: the writer did not return within 60 s of the kill (a request to the dead mount hangs)");
            await mount.ClearStaleMountAsync();
            Assert.True(writer.StoppedAt >= killedAt, $"cycle {cycle}: the writer failed before the kill: {writer.StoppedBy}");

            var verify = await mount.RunCliAsync("repo verify");
            Assert.True(verify.ExitCode == 0, $"cycle {cycle}: repo verify after SIGKILL failed: {verify.Stderr}{verify.Stdout}");
            var versions = await HistoryAsync(mount, cycle);
            for (var i = 0; i < verified.Count; i++)
                Assert.True(i < versions.Count && versions[i] == verified[i],
                    $"cycle {cycle}: version {verified[i].Number} ({verified[i].Root}) changed or vanished after the kill: now {(i < versions.Count ? versions[i].ToString() : "missing")}");

            await mount.RestartAsync();
            var reader = new VersionTree();
            // Older versions: every one is listed unchanged (above), repo verify re-hashed every block, a sample is
            // read back in full here, and all of them are read back in full after the last cycle.
            foreach (var old in verified.OrderBy(_ => random.Next()).Take(OldVersionSample))
                ReadBackUnchanged(reader, mount, old, cidsOfVersion, $"cycle {cycle}");
            var fresh = versions.Skip(verified.Count).ToList();
            // The time-travel view lists exactly the versions of `history`, each with its root CID.
            Assert.Equal(versions.Select(v => v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
                Directory.GetFileSystemEntries(mount.TimeTravel).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));
            foreach (var v in fresh)
                Assert.Equal(v.Root, Posix.GetXattr(Path.Combine(mount.TimeTravel, $"{v.Number}"), "user.ipfs.cid", out _));
            var j = 0;
            ImmutableSortedDictionary<string, byte[]?>? last = null;
            foreach (var v in fresh)
            {
                var (entries, cids) = reader.Read(Path.Combine(mount.Ipfs, v.Root));
                j = MatchState(writer, entries, j) ?? throw new Xunit.Sdk.XunitException(
                    $"cycle {cycle}: version {v.Number} ({v.Root}) is no state the writer reached at or after step {j} ({writer.States[j].Step}): "
                    + VersionTree.Describe(writer.States[j].Entries, entries) + $"\nwriter stopped by: {writer.StoppedBy}");
                cidsOfVersion[v.Root] = cids;
                last = entries;
            }
            if (last is null && verified.Count > 0) last = reader.Read(Path.Combine(mount.Ipfs, verified[^1].Root)).Entries;
            var newest = last is null || fresh.Count == 0 ? 0 : LastMatch(writer, last, j);
            Assert.True(newest >= writer.Acknowledged, $"cycle {cycle}: the last version holds the writer's state {newest} ({writer.States[newest].Step}) but an fsync had acknowledged state {writer.Acknowledged} ({writer.States[writer.Acknowledged].Step})");
            verified = versions;

            current = VersionTree.ReadLive(mount.Mfs);
            var expected = last ?? writer.States[0].Entries;
            Assert.True(current.Count == expected.Count && current.All(e => expected.TryGetValue(e.Key, out var x) && VersionTree.SameContent(e.Value, x)),
                $"cycle {cycle}: after the remount /mfs is not the last committed version: {VersionTree.Describe(expected, current)}");
            report.Add($"cycle {cycle} ({clock.Elapsed.TotalSeconds:F1} s): {writer.States.Count - 1} steps, {fresh.Count} new versions, acknowledged {writer.Acknowledged}, last version at step {newest}; stopped by {writer.StoppedBy}");
        }
        Assert.True(verified.Count >= Cycles, "too few versions were committed to prove anything:\n" + string.Join("\n", report));
        var final = new VersionTree();
        foreach (var v in verified) ReadBackUnchanged(final, mount, v, cidsOfVersion, "after the last cycle");
        foreach (var v in verified) ReadBackUnchanged(final, mount, v, cidsOfVersion, "after the last cycle, through mfs@", Path.Combine(mount.TimeTravel, $"{v.Number}"));
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "ipfsmount-mfs-crash-report.txt"), report);
    }

    private static void ReadBackUnchanged(VersionTree reader, MfsMountProcess mount, Version v,
        Dictionary<string, ImmutableSortedDictionary<string, string>> cidsOfVersion, string when, string? path = null)
    {
        var (_, cids) = reader.Read(path ?? Path.Combine(mount.Ipfs, v.Root));
        Assert.True(cids.SequenceEqual(cidsOfVersion[v.Root]), $"{when}: version {v.Number} ({v.Root}) reads back differently than when it was first checked");
    }

    /// <summary>The last writer state at or after <paramref name="from"/> the version equals (states can repeat).</summary>
    private static int LastMatch(CrashWriter writer, ImmutableSortedDictionary<string, byte[]?> version, int from)
    {
        var best = from;
        for (var j = from; j < writer.States.Count; j++)
            if (MatchState(writer, version, j) == j) best = j;
        return best;
    }

    /// <summary>The first writer state at or after <paramref name="from"/> the version equals (a write in progress
    /// may show as a prefix of what it wrote), or null.</summary>
    private static int? MatchState(CrashWriter writer, ImmutableSortedDictionary<string, byte[]?> version, int from)
    {
        for (var j = from; j < writer.States.Count; j++)
        {
            var state = writer.States[j].Entries;
            if (Equal(state, version)) return j;
            if (j + 1 < writer.States.Count && writer.States[j + 1].GrowingPath is { } path && PartialWrite(state, writer.States[j + 1].Entries, version, path))
                return Equal(writer.States[j + 1].Entries, version) ? j + 1 : j;
        }
        return null;
    }

    private static bool Equal(ImmutableSortedDictionary<string, byte[]?> a, ImmutableSortedDictionary<string, byte[]?> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var x) && VersionTree.SameContent(e.Value, x));

    private static bool PartialWrite(ImmutableSortedDictionary<string, byte[]?> before, ImmutableSortedDictionary<string, byte[]?> after,
        ImmutableSortedDictionary<string, byte[]?> version, string path)
    {
        if (!version.TryGetValue(path, out var seen) || seen is null || after[path] is not { } full) return false;
        var min = before.TryGetValue(path, out var old) && old is not null ? old.Length : 0;
        return seen.Length >= min && seen.Length <= full.Length && full.AsSpan(0, seen.Length).SequenceEqual(seen)
            && Equal(before.Remove(path), version.Remove(path));
    }

    private static async Task<List<Version>> HistoryAsync(MfsMountProcess mount, int cycle)
    {
        var history = await mount.RunCliAsync("history");
        Assert.True(history.ExitCode == 0, $"cycle {cycle}: `ipfsmount history` failed: {history.Stderr}");
        var versions = new List<Version>();
        foreach (var line in history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            Assert.True(fields.Length >= 3 && int.TryParse(fields[0], out _), $"unexpected history line '{line}'");
            versions.Add(new Version(int.Parse(fields[0]), fields[2]));
        }
        return versions;
    }
}
