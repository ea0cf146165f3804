// `ipfsmount daemon`: opens (and locks) the repo, serves the HTTP API with Kestrel on 127.0.0.1 or a Unix
// socket, writes the address to <repo>/api, starts the registered components, and on SIGINT/SIGTERM stops
// everything in reverse order and removes the api file.
using System.Net;
using System.Runtime.InteropServices;
using IpfsMount.Daemon.Api;
using IpfsMount.Daemon.Http;
using IpfsMount.Daemon.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpfsMount.Daemon.Hosting;

public sealed class DaemonHost
{
    private readonly DaemonOptions _options;
    private readonly TextWriter _out;
    private readonly IReadOnlyList<Func<DaemonContext, IDaemonComponent?>> _factories;

    /// <summary>factories defaults to the registered DaemonComponents.Factories.</summary>
    public DaemonHost(DaemonOptions options, TextWriter output, IReadOnlyList<Func<DaemonContext, IDaemonComponent?>>? factories = null)
    {
        _options = options;
        _out = output;
        _factories = factories ?? DaemonComponents.Factories;
    }

    /// <summary>Runs until SIGINT/SIGTERM or until ct is cancelled; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (ApiAddress.TryRead(_options.RepoPath) is { } existing && await RemoteNode.AnswersAsync(existing, TimeSpan.FromSeconds(2)))
            throw new NodeApiException("repo-locked", $"a daemon is already running on {_options.RepoPath} (API {existing})");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        await using var node = LocalNode.OpenForDaemon(_options.RepoPath);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var context = new DaemonContext(_options, node, loggers, stop.Token) { RequestStop = RequestStop, Output = _out };
        var components = _factories.Select(f => f(context)).OfType<IDaemonComponent>().ToList();

        var app = BuildApp(node, components);
        var apiFile = Path.Combine(_options.RepoPath, ApiAddress.FileName);
        var started = new List<IDaemonComponent>();
        try
        {
            await app.StartAsync(ct);
            var address = ListeningAddress(app);
            WriteApiFile(apiFile, address);
            foreach (var component in components)
            {
                await component.StartAsync(stop.Token);
                started.Add(component);
            }
            await _out.WriteLineAsync($"API server listening on {address}");
            await _out.WriteLineAsync("Daemon is ready");
            await _out.FlushAsync(ct);
            await WaitAsync(stop.Token);
            await _out.WriteLineAsync("Received interrupt signal, shutting down...");
            await _out.FlushAsync(CancellationToken.None);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(_options.ShutdownTimeout);
            for (var i = started.Count - 1; i >= 0; i--)
            {
                try
                {
                    await started[i].StopAsync(timeout.Token);
                }
                catch (Exception e)
                {
                    await Console.Error.WriteLineAsync($"Error: stopping {started[i].Name}: {ErrorReport.From(e).Message}");
                }
            }
            TryDelete(apiFile);
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
            if (_options.UnixSocket is { } socket) TryDelete(socket);
        }
        return 0;

        void RequestStop()
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the daemon has already finished
            }
        }

        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true; // we shut down ourselves, in order
            stop.Cancel();
        }
    }

    private WebApplication BuildApp(LocalNode node, IReadOnlyList<IDaemonComponent> components)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = _options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null; // `add` streams files of any size
            kestrel.AddServerHeader = false;
            if (_options.UnixSocket is { } socket)
            {
                TryDelete(socket);
                kestrel.ListenUnixSocket(socket);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, _options.ApiPort);
            }
        });
        var app = builder.Build();
        var spool = Path.Combine(_options.RepoPath, "tmp");
        Directory.CreateDirectory(spool);
        NodeApiEndpoints.Map(app, node, spool);
        var api = app.MapGroup(NodeApiEndpoints.Prefix);
        foreach (var component in components) component.MapEndpoints(api);
        return app;
    }

    private ApiAddress ListeningAddress(WebApplication app)
    {
        if (_options.UnixSocket is { } socket) return ApiAddress.Unix(socket);
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() ?? throw new InvalidOperationException("Kestrel reports no listening address");
        var uri = new Uri(feature.Addresses.First());
        return ApiAddress.Tcp("127.0.0.1", uri.Port);
    }

    private static void WriteApiFile(string apiFile, ApiAddress address)
    {
        var temp = apiFile + ".tmp";
        File.WriteAllText(temp, address + "\n");
        File.Move(temp, apiFile, overwrite: true);
    }

    private static async Task WaitAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
