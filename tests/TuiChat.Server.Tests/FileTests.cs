using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.FileTransfers;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class FileTests
{
    private const string GoodHash = "0000000000000000000000000000000000000000000000000000000000000000";

    [Theory]
    [InlineData(1)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Upload_ThenDownload_RoundTripsTheBytes(int size)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        byte[] data = new byte[size];
        Random.Shared.NextBytes(data);

        string fileId = await UploadAsync(alice, "#general", "report.bin", data);

        JsonElement offer = await bob.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId);
        Assert.Equal("alice", Str(offer, "from"));
        Assert.Equal("#general", Str(offer, "to"));
        Assert.Equal("report.bin", Str(offer, "name"));
        Assert.Equal(size, offer.GetProperty("size").GetInt64());
        Assert.Equal(Sha256(data), Str(offer, "sha256"));
        Assert.Equal(data, await DownloadAsync(bob, fileId));
        Assert.True(File.Exists(Path.Combine(server.Options.FilesDirectory, fileId)));
    }

    [Fact]
    public async Task Upload_OfZeroBytes_IsFileInvalid()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_invalid", "file.put", new { to = "#general", name = "empty.txt", size = 0, sha256 = Sha256([]) });
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\x")]
    [InlineData(".bashrc")]
    [InlineData("a/b")]
    [InlineData("bell\u0007.txt")]
    [InlineData("esc\u001b[2J.txt")]
    [InlineData("")]
    public async Task Upload_WithUnsafeName_IsFileInvalid(string name)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_invalid", "file.put", new { to = "#general", name, size = 10, sha256 = GoodHash });

        Assert.Empty(Directory.EnumerateFiles(server.Options.FilesDirectory));
    }

    [Fact]
    public async Task Upload_WithBadDigest_IsFileInvalid()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_invalid", "file.put", new { to = "#general", name = "a.txt", size = 10, sha256 = "ABC" });
    }

    [Fact]
    public async Task Upload_OverTheLimit_IsFileTooLarge_BeforeAnyByte()
    {
        await using TestServer server = TestServer.Start(o => o with { MaxFileBytes = 1024 * 1024 });
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_too_large", "file.put", new { to = "#general", name = "big.iso", size = 1024 * 1024 + 1, sha256 = GoodHash });
        await alice.ExpectOkAsync("file.put", new { to = "#general", name = "ok.iso", size = 1024 * 1024, sha256 = GoodHash });
    }

    [Fact]
    public async Task MoreThanFourOpenUploads_AreQuotaExceeded()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        for (int i = 0; i < 4; i++)
        {
            await alice.ExpectOkAsync("file.put", new { to = "#general", name = $"f{i}.bin", size = 10, sha256 = GoodHash });
        }

        await alice.ExpectErrorAsync("quota_exceeded", "file.put", new { to = "#general", name = "f5.bin", size = 10, sha256 = GoodHash });
    }

    [Fact]
    public async Task Upload_WithWrongHash_IsFileCorrupt_AndNothingIsKept()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = new byte[100_000];
        Random.Shared.NextBytes(data);

        JsonElement ok = await alice.ExpectOkAsync("file.put", new { to = "#general", name = "x.bin", size = data.Length, sha256 = GoodHash });
        string fileId = Str(ok, "fileId")!;
        await SendChunksAsync(alice, fileId, data);

        await alice.WaitForAsync(f => IsError(f, "file_corrupt"));
        await alice.ExpectErrorAsync("no_such_file", "file.get", new { fileId });
        Assert.Empty(Directory.EnumerateFiles(server.Options.FilesDirectory, "*", SearchOption.AllDirectories));
        Assert.False(alice.Saw(f => Type(f) == "file"));
    }

    [Fact]
    public async Task Upload_WithSeqGap_IsFileCorrupt()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        byte[] data = new byte[200_000];

        JsonElement ok = await alice.ExpectOkAsync("file.put", new { to = "#general", name = "x.bin", size = data.Length, sha256 = Sha256(data) });
        string fileId = Str(ok, "fileId")!;
        await alice.SendAsync("file.chunk", new { fileId, seq = 0, data = new byte[65_536] });
        await alice.SendAsync("file.chunk", new { fileId, seq = 2, data = new byte[65_536] });

        await alice.WaitForAsync(f => IsError(f, "file_corrupt"));
        Assert.Empty(Directory.EnumerateFiles(server.Options.FilesDirectory, "*", SearchOption.AllDirectories));
        // The upload is gone: further chunks are refused too.
        await alice.ExpectErrorAsync("file_corrupt", "file.chunk", new { fileId, seq = 1, data = new byte[10] });
    }

    [Fact]
    public async Task Upload_OverflowingTheSize_IsFileCorrupt()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        JsonElement ok = await alice.ExpectOkAsync("file.put", new { to = "#general", name = "x.bin", size = 10, sha256 = GoodHash });
        await alice.SendAsync("file.chunk", new { fileId = Str(ok, "fileId"), seq = 0, data = new byte[11] });

        await alice.WaitForAsync(f => IsError(f, "file_corrupt"));
    }

    [Fact]
    public async Task Chunk_ForUnknownFile_IsFileCorrupt()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_corrupt", "file.chunk", new { fileId = "0123456789abcdef0123456789abcdef", seq = 0, data = new byte[10] });
        await alice.ExpectErrorAsync("file_corrupt", "file.chunk", new { fileId = "../../etc/passwd", seq = 0, data = new byte[10] });
    }

    [Fact]
    public async Task Upload_ToRoomNotJoined_IsNotAMember_AndToUnknownUserIsNoSuchUser()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("create", new { room = "+bobs", @private = true });

        await alice.ExpectErrorAsync("not_a_member", "file.put", new { to = "+bobs", name = "a.txt", size = 1, sha256 = GoodHash });
        await alice.ExpectErrorAsync("no_such_user", "file.put", new { to = "ghost", name = "a.txt", size = 1, sha256 = GoodHash });
    }

    [Fact]
    public async Task Download_ByNonMember_IsNotAMember_AndUnknownIdIsNoSuchFile()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true });

        string fileId = await UploadAsync(alice, "+team", "plan.txt", "secret plan"u8.ToArray());

        await carol.ExpectErrorAsync("not_a_member", "file.get", new { fileId });
        await carol.ExpectErrorAsync("no_such_file", "file.get", new { fileId = "ffffffffffffffffffffffffffffffff" });
        await carol.ExpectErrorAsync("no_such_file", "file.get", new { fileId = "../../etc/passwd" });
        Assert.False(carol.Saw(f => Type(f) == "file"));
    }

    [Fact]
    public async Task DirectFile_GoesToTheRecipientOnly()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");

        string fileId = await UploadAsync(alice, "bob", "for-bob.txt", "hello bob"u8.ToArray());

        await bob.WaitForAsync(f => Type(f) == "file" && Str(f, "fileId") == fileId && Str(f, "to") == "bob");
        Assert.Equal("hello bob"u8.ToArray(), await DownloadAsync(bob, fileId));
        await carol.ExpectErrorAsync("not_a_member", "file.get", new { fileId });
    }

    [Fact]
    public async Task ConcurrentUploads_WhileOthersChat_AllArriveIntact()
    {
        await using TestServer server = TestServer.Start();
        var uploaders = new List<TestClient>();
        for (int i = 0; i < 3; i++)
        {
            uploaders.Add(await server.LoginAsync("up" + i));
        }
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        byte[][] files = Enumerable.Range(0, 3).Select(_ => { byte[] d = new byte[1024 * 1024 + 7]; Random.Shared.NextBytes(d); return d; }).ToArray();

        Task<string>[] uploads = uploaders.Select((c, i) => UploadAsync(c, "#general", $"f{i}.bin", files[i])).ToArray();
        for (int n = 0; n < 100; n++)
        {
            await alice.ExpectOkAsync("msg", new { to = "#general", text = $"chat {n}" });
        }
        string[] ids = await Task.WhenAll(uploads);

        await bob.WaitForAsync(f => Str(f, "text") == "chat 99");
        Assert.Equal(100, bob.Frames().Count(f => Type(f) == "message"));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(files[i], await DownloadAsync(bob, ids[i]));
        }
        foreach (TestClient c in uploaders)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task LargeDownload_DoesNotHoldUpOtherTraffic()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        byte[] data = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(data);
        string fileId = await UploadAsync(alice, "#general", "big.bin", data);

        Task<byte[]> download = DownloadAsync(bob, fileId);
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "during the download" });
        await bob.WaitForAsync(f => Str(f, "text") == "during the download");

        Assert.Equal(data, await download);
    }
}
