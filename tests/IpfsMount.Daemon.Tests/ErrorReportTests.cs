// ErrorReport: every exception becomes one user-facing line with a stable kind (same locally and remotely).
using IpfsMount.Core;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Tests;

public sealed class ErrorReportTests
{
    [Fact]
    public void A_full_disk_is_reported_as_no_space_left()
    {
        var report = ErrorReport.From(new IOException("write failed", 28)); // HResult = errno on Unix

        Assert.Equal("no-space", report.Kind);
        Assert.StartsWith("no space left on device", report.Message);
    }

    [Fact]
    public void Format_and_lookup_errors_keep_their_message_and_get_kinds()
    {
        var cid = Cid.Parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");

        Assert.Equal("invalid-input", ErrorReport.From(new InvalidCidException("bad cid")).Kind);
        Assert.Equal("not-found", ErrorReport.From(new BlockNotFoundException(cid)).Kind);
        Assert.Equal("corrupt", ErrorReport.From(new BlockCorruptException(cid)).Kind);
        Assert.Equal("bad cid", ErrorReport.From(new InvalidCidException("bad cid")).Message);
    }

    [Fact]
    public void A_remote_error_keeps_the_kind_and_message_it_was_sent_with()
    {
        var report = ErrorReport.From(new AggregateException(new NodeApiException("repo-locked", "repo /x is locked")));

        Assert.Equal(new ErrorReport("repo-locked", "repo /x is locked"), report);
    }
}
