using System.Collections.Concurrent;
using System.Security.Cryptography;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Connection;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed partial class ChatConnectionTests : IAsyncLifetime
{
    private readonly FakeServer _server = new();
    private readonly ConcurrentQueue<ConnectionStatus> _statuses = new();
    private ChatConnection _connection = null!;

    public Task InitializeAsync()
    {
        _connection = CreateConnection();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ChatConnection CreateConnection(string? password = null, bool register = false)
    {
        var connection = new ChatConnection(new ChatConnectionOptions
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            User = "alice",
            Password = password,
            Register = register,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
        connection.StatusChanged += (_, status) => _statuses.Enqueue(status);
        return connection;
    }

    private async Task<FakeServerConnection> ConnectAsync()
    {
        Task<HelloOk> connecting = _connection.ConnectAsync();
        FakeServerConnection server = await _server.AcceptAndLoginAsync();
        await Eventually.Within(connecting);
        return server;
    }

    [Fact]
    public async Task Connect_SendsHelloAndReportsConnected()
    {
        await using ChatConnection connection = CreateConnection(password: "secret-password", register: true);
        Task<HelloOk> connecting = connection.ConnectAsync();
        FakeServerConnection server = await _server.AcceptAsync();

        HelloRequest hello = await server.ReceiveAsync<HelloRequest>();
        server.Send(new HelloOk { Re = hello.Id!, User = "Alice", Role = Roles.User, Server = "fake" });
        HelloOk ok = await Eventually.Within(connecting);

        Assert.Equal((1, "alice", "secret-password", true), (hello.Protocol, hello.User, hello.Password, hello.Register));
        Assert.Equal("fake", ok.Server);
        Assert.Equal("Alice", connection.UserName);
        Assert.Equal(ConnectionState.Connected, connection.Status.State);
    }

    [Fact]
    public async Task Connect_WithAStreamWrapper_SpeaksThroughTheWrappedStream()
    {
        string? wrappedFor = null;
        await using var connection = new ChatConnection(new ChatConnectionOptions
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            User = "alice",
            WrapStream = (stream, host, _) =>
            {
                wrappedFor = host;
                return Task.FromResult<Stream>(new BufferedStream(stream));
            },
        });
        Task<HelloOk> connecting = connection.ConnectAsync();
        await _server.AcceptAndLoginAsync();

        await Eventually.Within(connecting);
        Assert.Equal("127.0.0.1", wrappedFor);
    }

    [Fact]
    public async Task Connect_RefusedLogin_ThrowsWithCodeAndStaysDisconnected()
    {
        Task<HelloOk> connecting = _connection.ConnectAsync();
        FakeServerConnection server = await _server.AcceptAsync();
        HelloRequest hello = await server.ReceiveAsync<HelloRequest>();
        server.Send(new ErrorReply { Re = hello.Id, Code = ErrorCodes.NameTaken, Message = "alice is online" });

        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(connecting));
        Assert.Equal(ErrorCodes.NameTaken, error.Code);
        Assert.Equal(ConnectionState.Disconnected, _connection.Status.State);
    }

    [Fact]
    public async Task Requests_AreMatchedToRepliesById_EvenOutOfOrder()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<RoomOk> games = _connection.JoinAsync("#games");
        Task<RoomOk> chess = _connection.JoinAsync("#chess");
        JoinRequest first = await server.ReceiveAsync<JoinRequest>();
        JoinRequest second = await server.ReceiveAsync<JoinRequest>();

        // Answer the second request first.
        server.Send(new RoomOk { Re = second.Id!, Room = second.Room, Members = ["alice"], Topic = "second" });
        server.Send(new RoomOk { Re = first.Id!, Room = first.Room, Members = ["alice"], Topic = "first" });

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Room, (await Eventually.Within(first.Room == "#games" ? games : chess)).Room);
        Assert.Equal("first", (await Eventually.Within(first.Room == "#games" ? games : chess)).Topic);
        Assert.Equal("second", (await Eventually.Within(second.Room == "#games" ? games : chess)).Topic);
    }

    [Fact]
    public async Task ErrorReply_ThrowsChatRequestExceptionWithTheCode()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<MsgOk> sending = _connection.SendMessageAsync("#nowhere", "hi");
        MsgRequest msg = await server.ReceiveAsync<MsgRequest>();
        server.Send(new ErrorReply { Re = msg.Id, Code = ErrorCodes.NotAMember, Message = "not in #nowhere" });

        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(sending));
        Assert.Equal(ErrorCodes.NotAMember, error.Code);
        Assert.Equal("not in #nowhere", error.Message);
    }

    [Fact]
    public async Task RateLimitedRequest_IsSentAgainAndSucceeds()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<IReadOnlyList<ChatMessage>> history = _connection.GetHistoryAsync("#general");
        HistoryRequest first = await server.ReceiveAsync<HistoryRequest>();
        server.Send(new ErrorReply { Re = first.Id, Code = ErrorCodes.RateLimited, Message = "slow down" });
        HistoryRequest second = await server.ReceiveAsync<HistoryRequest>();
        server.Send(new HistoryOk { Re = second.Id!, Messages = [] });

        Assert.Empty(await Eventually.Within(history));
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong()
    {
        FakeServerConnection server = await ConnectAsync();
        server.Send(new PingMessage());
        Assert.IsType<PongMessage>(await server.ReceiveAnyAsync());
    }

    [Fact]
    public async Task ServerEvents_AreRaisedAsRecords()
    {
        var received = new ConcurrentQueue<ServerEvent>();
        _connection.EventReceived += (_, e) => received.Enqueue(e);
        FakeServerConnection server = await ConnectAsync();

        server.Send(new ChatMessage { MsgId = 7, Ts = "2026-11-22T10:00:00.000Z", From = "bob", To = "#general", Text = "hi" });

        await Eventually.True(() => !received.IsEmpty, "the message event");
        var message = Assert.IsType<ChatMessage>(Assert.Single(received));
        Assert.Equal((7L, "bob", "hi"), (message.MsgId, message.From, message.Text));
    }

    [Fact]
    public async Task DroppedConnection_ReconnectsLogsInAgainAndRejoinsRooms()
    {
        var sessions = new ConcurrentQueue<SessionStartedEventArgs>();
        _connection.SessionStarted += (_, e) => sessions.Enqueue(e);
        FakeServerConnection first = await ConnectAsync();
        Task<RoomOk> joining = _connection.JoinAsync("#games");
        JoinRequest join = await first.ReceiveAsync<JoinRequest>();
        first.Send(new RoomOk { Re = join.Id!, Room = "#games", Members = ["alice"] });
        await Eventually.Within(joining);

        first.Dispose();
        await Eventually.True(() => _statuses.Any(s => s.State == ConnectionState.Reconnecting), "a Reconnecting status");
        Task<RoomOk> duringOutage = _connection.JoinAsync("#other");
        FakeServerConnection second = await _server.AcceptAndLoginAsync();
        JoinRequest rejoin = await second.ReceiveAsync<JoinRequest>();
        second.Send(new RoomOk { Re = rejoin.Id!, Room = rejoin.Room, Members = ["alice"] });

        Assert.Equal("#games", rejoin.Room);
        await Eventually.True(() => sessions.Count == 2, "the second session");
        Assert.True(sessions.Last().IsReconnect);
        Assert.Equal(ConnectionState.Connected, _connection.Status.State);
        var refused = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(duringOutage));
        Assert.Equal(ChatRequestException.Disconnected, refused.Code);
        // It never went out: the server cannot have it.
        Assert.False(refused.Unanswered);
    }

    [Fact]
    public async Task DroppedConnection_FailsPendingRequests()
    {
        FakeServerConnection server = await ConnectAsync();
        Task<IReadOnlyList<RoomInfo>> listing = _connection.ListRoomsAsync();
        await server.ReceiveAsync<RoomsRequest>();
        server.Dispose();

        var error = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(listing));
        Assert.Equal(ChatRequestException.Disconnected, error.Code);
        // The server had it: it may have done it, so the client must not say it did not.
        Assert.True(error.Unanswered);
    }

    [Fact]
    public async Task ShutdownEvent_ReconnectsWithBackoff_SayingTheServerIsShuttingDown()
    {
        var sessions = new ConcurrentQueue<SessionStartedEventArgs>();
        _connection.SessionStarted += (_, e) => sessions.Enqueue(e);
        FakeServerConnection server = await ConnectAsync();
        server.Send(new ShutdownEvent { By = "server", Reason = "received SIGTERM" });
        server.Dispose();

        await _server.AcceptAndLoginAsync();

        await Eventually.True(() => sessions.Count == 2, "the session after the shutdown");
        Assert.True(sessions.Last().IsReconnect);
        Assert.Equal(ConnectionState.Connected, _connection.Status.State);
        // The backoff's countdown came first, and it says why.
        Assert.Contains(_statuses, s => s is { State: ConnectionState.Reconnecting, RetryIn: not null, Reason: "server shutting down (received SIGTERM)" });
    }

    [Fact]
    public async Task ShutdownEvent_WithSeveralServers_ReconnectsToTheNextServerFirst()
    {
        await using var second = new FakeServer();
        await using var connection = new ChatConnection(new ChatConnectionOptions
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            FailoverServers = [new ServerEndpoint("127.0.0.1", second.Port)],
            User = "alice",
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
        Task<HelloOk> connecting = connection.ConnectAsync();
        FakeServerConnection first = await _server.AcceptAndLoginAsync();
        await Eventually.Within(connecting);

        // The first server still accepts: only the order of the attempts takes the client elsewhere.
        first.Send(new ShutdownEvent { By = "admin", Reason = "maintenance" });
        first.Dispose();
        await second.AcceptAndLoginAsync();

        await Eventually.True(() => connection.Status.State == ConnectionState.Connected, "connected to the second server");
        Assert.Equal($"127.0.0.1:{second.Port}", connection.ServerAddress);
        Assert.Equal(1, _server.AcceptedCount);
    }

    [Fact]
    public async Task Quit_SendsQuitAndDoesNotReconnect()
    {
        FakeServerConnection server = await ConnectAsync();
        await Eventually.Within(_connection.QuitAsync("bye"));

        QuitRequest quit = await server.ReceiveAsync<QuitRequest>();
        await Eventually.Within(server.Closed.Task);
        Assert.Equal("bye", quit.Reason);
        Assert.Equal(ConnectionState.Disconnected, _connection.Status.State);
        Assert.DoesNotContain(_statuses, s => s.State == ConnectionState.Reconnecting);
    }

    [Fact]
    public async Task Upload_SendsPutThenChunksOf64KiBAndReturnsTheFileEvent()
    {
        FakeServerConnection server = await ConnectAsync();
        byte[] content = RandomNumberGenerator.GetBytes(150_000);
        string path = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            var progress = new ConcurrentQueue<TransferProgress>();
            Task<FileEvent> uploading = _connection.UploadFileAsync("bob", path, new SyncProgress<TransferProgress>(progress.Enqueue));

            FilePutRequest put = await server.ReceiveAsync<FilePutRequest>();
            server.Send(new FilePutOk { Re = put.Id!, FileId = "f1" });
            var received = new MemoryStream();
            for (int seq = 0; received.Length < put.Size; seq++)
            {
                FileChunk chunk = await server.ReceiveAsync<FileChunk>();
                Assert.Equal(("f1", seq), (chunk.FileId, (int)chunk.Seq));
                Assert.InRange(chunk.Data.Length, 1, ProtocolLimits.MaxChunkBytes);
                received.Write(chunk.Data);
            }
            server.Send(new FileEvent
            {
                FileId = "f1", From = "alice", To = "bob", Name = put.Name, Size = put.Size, Sha256 = put.Sha256,
                Ts = "2026-11-22T10:00:00.000Z",
            });
            FileEvent stored = await Eventually.Within(uploading);

            Assert.Equal(Path.GetFileName(path), put.Name);
            Assert.Equal(content.Length, put.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), put.Sha256);
            Assert.Equal(content, received.ToArray());
            Assert.Equal("f1", stored.FileId);
            Assert.Equal(new TransferProgress(content.Length, content.Length), progress.Last());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Upload_CorruptVerdict_Throws()
    {
        FakeServerConnection server = await ConnectAsync();
        string path = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "hello");
        try
        {
            Task<FileEvent> uploading = _connection.UploadFileAsync("#general", path);
            FilePutRequest put = await server.ReceiveAsync<FilePutRequest>();
            server.Send(new FilePutOk { Re = put.Id!, FileId = "f2" });
            await server.ReceiveAsync<FileChunk>();
            server.Send(new ErrorReply { Code = ErrorCodes.FileCorrupt, Message = "sha mismatch" });

            var error = await Assert.ThrowsAsync<ChatRequestException>(() => Eventually.Within(uploading));
            Assert.Equal(ErrorCodes.FileCorrupt, error.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Download_WritesChunksInOrderUntilFileEnd()
    {
        FakeServerConnection server = await ConnectAsync();
        byte[] content = RandomNumberGenerator.GetBytes(70_000);
        var destination = new MemoryStream();
        Task<FileGetOk> downloading = _connection.DownloadFileAsync("f9", destination);

        FileGetRequest get = await server.ReceiveAsync<FileGetRequest>();
        server.Send(new FileGetOk { Re = get.Id!, FileId = "f9", Name = "a.bin", Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) });
        server.Send(new FileChunk { FileId = "f9", Seq = 0, Data = content[..65536] });
        server.Send(new FileChunk { FileId = "f9", Seq = 1, Data = content[65536..] });
        server.Send(new FileEndEvent { FileId = "f9" });
        FileGetOk ok = await Eventually.Within(downloading);

        Assert.Equal("a.bin", ok.Name);
        Assert.Equal(content, destination.ToArray());
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>), so the last report is there when the task ends.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
