// Checks `ls -a` of a directory on a mount: `.` and `..` come first, with the inode numbers stat gives for them.
namespace IpfsMount.Fuse.Tests;

internal static class DotEntries
{
    /// <summary>
    /// Asserts that `ls -a` in <paramref name="directory"/> lists `.` and `..` first, each with the inode number `stat`
    /// reports for that path (readdir's d_ino, shown by `ls -ai`), and returns the other names `ls -a` listed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AssertListedAsync(string directory)
    {
        var listed = (await Shell.CheckAsync($"cd '{directory}' && ls -a1i --quoting-style=literal"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' ', 2))
            .ToList();
        Assert.True(listed.Count >= 2, $"ls -a in {directory} listed {listed.Count} entries");
        Assert.Equal(".", listed[0][1]);
        Assert.Equal("..", listed[1][1]);
        var stat = (await Shell.CheckAsync($"cd '{directory}' && stat -c %i . .."))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(stat[0], listed[0][0]);
        Assert.Equal(stat[1], listed[1][0]);
        return listed.Skip(2).Select(e => e[1]).ToList();
    }
}
