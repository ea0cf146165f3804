// DaemonHost in-process: components start after the API is up and stop in reverse order, their routes are served,
// the api file appears and disappears, and the API streams add/cat through RemoteNode.
using IpfsMount.Daemon.Api;
using IpfsMount.Daemon.Hosting;
using IpfsMount.Daemon.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IpfsMount.Daemon.Tests;

public sealed class DaemonHostTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "ipfsmount-host-" + Guid.NewGuid().ToString("N")[..12]);

    public DaemonHostTests() => Storage.Repo.Init(_repo).Dispose();

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public async Task Components_start_after_the_api_and_stop_in_reverse_order_and_their_routes_are_served()
    {
        var log = new List<string>();
        Func<DaemonContext, IDaemonComponent?>[] factories =
        [
            c => new RecordingComponent("one", log, File.Exists(Path.Combine(c.Options.RepoPath, "api"))),
            _ => null, // a component that is not wanted for these options
            _ => new RecordingComponent("two", log, false),
        ];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var host = new DaemonHost(new DaemonOptions { RepoPath = _repo }, TextWriter.Null, factories);
        var run = host.RunAsync(cts.Token);
        var address = await WaitForApiAsync(run);

        await using (var remote = new RemoteNode(address))
        {
            var version = await remote.VersionAsync();
            Assert.Equal(Local.LocalNode.Version, version.Version);
        }
        using (var http = new HttpClient { BaseAddress = address.BaseUri })
        {
            var answer = await http.PostAsync("api/v0/one/hello", null);
            Assert.Equal("hello from one", await answer.Content.ReadAsStringAsync());
        }
        cts.Cancel();
        Assert.Equal(0, await run);

        Assert.Equal(["start one", "start two", "stop two", "stop one"], log);
        Assert.False(File.Exists(Path.Combine(_repo, "api")));
    }

    [Fact]
    public async Task Add_and_cat_stream_through_the_http_api_without_changing_a_byte()
    {
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = new DaemonHost(new DaemonOptions { RepoPath = _repo }, TextWriter.Null, []).RunAsync(cts.Token);
        var address = await WaitForApiAsync(run);
        try
        {
            await using var remote = new RemoteNode(address);
            var events = new List<AddEvent>();
            var input = AsyncEnumerable.Repeat(AddInput.FromStream(new MemoryStream(content), "blob.bin"), 1);
            await foreach (var e in remote.AddAsync(new AddRequest { CidVersion = 1, Progress = true }, input, cts.Token)) events.Add(e);

            var added = Assert.Single(events, e => e.Kind == AddEvent.Added);
            Assert.Equal("blob.bin", added.Name);
            Assert.Equal(content.Length, events.Where(e => e.Kind == AddEvent.ProgressKind).Max(e => e.Bytes));
            await using var cat = await remote.CatAsync(added.Cid!, 1_000_000, 2_000_000, cts.Token);
            var read = new MemoryStream();
            await cat.CopyToAsync(read, cts.Token);
            Assert.Equal(content.AsSpan(1_000_000, 2_000_000).ToArray(), read.ToArray());
        }
        finally
        {
            cts.Cancel();
            await run;
        }
    }

    private async Task<ApiAddress> WaitForApiAsync(Task<int> run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (run.IsCompleted) await run; // surfaces a startup failure
            if (ApiAddress.TryRead(_repo) is { } address) return address;
            await Task.Delay(50);
        }
        throw new TimeoutException("the daemon wrote no api file within 60 s");
    }

    private sealed class RecordingComponent(string name, List<string> log, bool apiFileExistedAtCreation) : IDaemonComponent
    {
        public string Name => name;

        public void MapEndpoints(IEndpointRouteBuilder api) =>
            api.MapPost($"/{name}/hello", new RequestDelegate(http => http.Response.WriteAsync($"hello from {name}")));

        public Task StartAsync(CancellationToken ct)
        {
            Assert.False(apiFileExistedAtCreation);
            lock (log) log.Add("start " + name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct)
        {
            lock (log) log.Add("stop " + name);
            return Task.CompletedTask;
        }
    }
}
