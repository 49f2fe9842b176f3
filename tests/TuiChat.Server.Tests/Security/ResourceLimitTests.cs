using System.Buffers.Binary;
using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Security;

/// <summary>
/// What one hostile client may take: frames before login, downloads, connections per address,
/// queued outbound bytes, requests of unknown types, stray chunks and registrations.
/// </summary>
public sealed class ResourceLimitTests
{
    [Fact]
    public async Task BeforeHello_ALargeFrameHeaderIsRefused_WithoutWaitingForItsBytes()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient stranger = await server.ConnectAsync();
        byte[] header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1024 * 1024);

        await stranger.SendRawAsync(header);

        JsonElement error = await stranger.WaitForAsync(f => IsError(f, "bad_frame"));
        Assert.Contains("8192", Str(error, "message"), StringComparison.Ordinal);
        await stranger.WaitClosedAsync();
    }

    [Fact]
    public async Task AfterHello_FramesUpToTheFullLimitAreAccepted()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = new byte[60 * 1024];
        Random.Shared.NextBytes(data);

        string fileId = await FileTransfers.UploadAsync(alice, "#general", "big.bin", data);

        Assert.Equal(data, await FileTransfers.DownloadAsync(alice, fileId));
    }

    [Fact]
    public async Task Downloads_AreCappedPerConnection_WithAClearError()
    {
        await using TestServer server = TestServer.Start(o => o with { MaxDownloadsPerConnection = 2 });
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = new byte[8 * 1024 * 1024];
        string fileId = await FileTransfers.UploadAsync(alice, "#general", "large.bin", data);
        await using TestClient greedy = await server.LoginAsync("greedy");

        greedy.Pause();
        for (int i = 0; i < 5; i++)
        {
            await greedy.SendAsync("file.get", new { fileId }, id: "get" + i);
        }
        greedy.Resume();

        var replies = new List<JsonElement>();
        for (int i = 0; i < 5; i++)
        {
            string id = "get" + i;
            replies.Add(await greedy.WaitForAsync(f => Str(f, "re") == id, TimeSpan.FromSeconds(60)));
        }
        Assert.Equal(2, replies.Count(IsOk));
        Assert.Equal(3, replies.Count(f => IsError(f, "quota_exceeded")));
        Assert.Contains("2 downloads", Str(replies.First(f => !IsOk(f)), "message"), StringComparison.Ordinal);

        // Finished downloads free their places. Both ends are counted in one pass over the frames:
        // the two may end together, so a second wait begun after the first end could miss the other.
        int ends = 0;
        await greedy.WaitForAsync(f => Type(f) == "file.end" && ++ends == 2, TimeSpan.FromSeconds(60));
        Assert.Equal(data, await FileTransfers.DownloadAsync(greedy, fileId));
    }

    [Fact]
    public async Task ConnectionsPerAddress_AreCapped_WithARefusalFrame_AndFreedOnClose()
    {
        await using TestServer server = TestServer.Start(o => o with { MaxConnectionsPerAddress = 3 });
        var held = new List<TestClient>();
        for (int i = 0; i < 3; i++)
        {
            held.Add(await server.LoginAsync("user" + i));
        }

        await using TestClient fourth = await server.ConnectAsync();
        JsonElement refusal = await fourth.WaitForAsync(f => IsError(f, "quota_exceeded"));
        Assert.Contains("too many connections from your address", Str(refusal, "message"), StringComparison.Ordinal);
        await fourth.WaitClosedAsync();

        await held[0].ExpectOkAsync("quit");
        await held[0].WaitClosedAsync();
        await Eventually.Until(() => server.Server.ConnectionCount == 2, "the quit connection is forgotten");
        await using TestClient again = await server.LoginAsync("user3");
        foreach (TestClient client in held)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task QueuedOutboundBytes_HaveAServerWideCap_PaidByTheClientsThatDoNotRead()
    {
        const long cap = 2 * 1024 * 1024;
        await using TestServer server = TestServer.Start(o => o with
        {
            OutboxBytes = 64 * 1024 * 1024, // so that only the server-wide cap can drop anyone
            MaxOutboundBytes = cap,
            OutboundFairShareBytes = 256 * 1024,
        });
        await using TestClient writer = await server.LoginAsync("writer");
        string text = new('x', 4000);
        for (int i = 0; i < 200; i++)
        {
            await writer.SendAsync("msg", new { to = "#general", text });
        }
        await writer.ExpectOkAsync("ping");
        var hoarders = new List<TestClient>();
        for (int i = 0; i < 4; i++)
        {
            TestClient hoarder = await server.LoginAsync("hoarder" + i);
            hoarder.Pause();
            hoarders.Add(hoarder);
        }

        // Each hoarder asks until the server drops it (a send fails): how many replies that takes
        // depends on how much the kernel's socket buffers hold, not on the server.
        long peak = 0;
        var dropped = new HashSet<TestClient>();
        for (int round = 0; round < 500 && dropped.Count < hoarders.Count; round++)
        {
            foreach (TestClient hoarder in hoarders.Where(h => !dropped.Contains(h)))
            {
                try
                {
                    await hoarder.SendAsync("history", new { to = "#general", limit = 200 }, id: "h" + round);
                }
                catch (IOException)
                {
                    // A paused hoarder cannot see its own close: the server dropped it already,
                    // which is what this test expects (checked below).
                    dropped.Add(hoarder);
                }
            }
            peak = Math.Max(peak, server.Server.OutboundBytes);
        }

        foreach (TestClient hoarder in hoarders)
        {
            hoarder.Resume();
            await hoarder.WaitClosedAsync(TimeSpan.FromSeconds(30));
        }
        // One history reply (about 850 KB) may go over before the next frame is refused.
        Assert.True(peak <= cap + 1024 * 1024, $"{peak} bytes were queued at once");
        await writer.ExpectOkAsync("msg", new { to = "#general", text = "the reader who keeps up stays" });
        await Eventually.Until(() => server.Server.OutboundBytes < 64 * 1024, "the dropped queues are released");
        foreach (TestClient hoarder in hoarders)
        {
            await hoarder.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("no.such.request", "bad_request")]
    [InlineData("file.chunk", "file_corrupt")]
    public async Task UnknownTypesAndStrayChunks_CountAgainstTheRateLimit(string type, string errorWithinTheBurst)
    {
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 1 });
        await using TestClient mallory = await server.LoginAsync("mallory");

        var replies = new List<JsonElement>();
        for (int i = 0; i < 40; i++)
        {
            // Chunks name an upload that does not exist; the unknown type ignores the fields.
            replies.Add(await mallory.RequestAsync(type, new { fileId = "nope" + i, seq = 0, data = new byte[1024] }));
        }

        Assert.Contains(replies, f => IsError(f, "rate_limited"));
        Assert.True(replies.Count(f => IsError(f, errorWithinTheBurst)) <= 21, "at most the burst gets through");
    }

    [Fact]
    public async Task RealUploads_AreNotSlowedByTheRateLimit()
    {
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 1 });
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = new byte[40 * 64 * 1024];

        string fileId = await FileTransfers.UploadAsync(alice, "#general", "forty-chunks.bin", data);

        Assert.NotEmpty(fileId);
    }

    [Fact]
    public async Task Registrations_AreLimitedPerAddress()
    {
        await using TestServer server = TestServer.Start(o => o with { MaxRegistrationsPerAddress = 2 });
        await using TestClient c = await server.ConnectAsync();
        await using (TestClient first = await server.LoginAsync("first", "password-1", register: true))
        {
        }
        await using (TestClient second = await server.LoginAsync("second", "password-2", register: true))
        {
        }

        JsonElement refused = await c.RequestAsync("hello", new { protocol = 1, user = "third", password = "password-3", register = true });

        Assert.True(IsError(refused, "rate_limited"), refused.ToString());
        Assert.Null(server.Store.FindAccount("third"));
        server.Time.Advance(TimeSpan.FromHours(1));
        // A new connection from the same address: c itself has been silent for the hour just
        // skipped, and the idle check may close it first (that race failed this test under load).
        await using TestClient later = await server.ConnectAsync();
        await later.ExpectOkAsync("hello", new { protocol = 1, user = "third", password = "password-3", register = true });
    }
}
