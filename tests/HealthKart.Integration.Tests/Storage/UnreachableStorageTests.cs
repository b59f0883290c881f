using System.Net.Sockets;
using Azure;
using HealthKart.Infrastructure.Storage;

namespace HealthKart.Integration.Tests.Storage;

/// <summary>
/// What counts as storage being unreachable (docs/reliability.md#storage-unreachable-while-answering): failures for
/// want of storage, never failures for what a call asked, which must still fail loudly.
/// </summary>
public sealed class UnreachableStorageTests
{
    private static readonly RequestFailedException Refused =
        new("Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused"));

    [Fact]
    public void NoConnectionADroppedOneOrAServerErrorIsUnreachable()
    {
        Assert.Equal(0, Refused.Status);
        Assert.True(StorageAccount.IsUnreachable(Refused));
        Assert.True(StorageAccount.IsUnreachable(new RequestFailedException(503, "Server busy")));
        Assert.True(StorageAccount.IsUnreachable(new HttpIOException(HttpRequestError.ResponseEnded)));
        Assert.True(StorageAccount.IsUnreachable(new IOException("Unable to read data from the transport connection.",
            new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(
            StorageAccount.IsUnreachable(new AggregateException(Refused, new RequestFailedException(500, "x"))));
    }

    [Fact]
    public void AFailureForWhatACallAskedIsNot()
    {
        Assert.False(StorageAccount.IsUnreachable(new RequestFailedException(403, "Forbidden")));
        Assert.False(StorageAccount.IsUnreachable(new RequestFailedException(404, "Not found")));
        Assert.False(StorageAccount.IsUnreachable(new RequestFailedException(412, "Condition not met")));
        Assert.False(
            StorageAccount.IsUnreachable(new AggregateException(Refused, new RequestFailedException(403, "x"))));
        Assert.False(StorageAccount.IsUnreachable(new AggregateException()));
        Assert.False(StorageAccount.IsUnreachable(new IOException("No space left on device")));
        Assert.False(StorageAccount.IsUnreachable(new InvalidOperationException("a bug")));
    }
}
