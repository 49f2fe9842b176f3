using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TuiChat.Protocol;

namespace TuiChat.Server.Tests.Support;

/// <summary>
/// A raw protocol client for tests: sends requests with ids, awaits the reply by <c>re</c>, and
/// keeps every frame it received so tests can wait for events with a predicate and a deadline.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<JsonElement> _frames = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ManualResetEventSlim _reading = new(initialState: true);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private TestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        Reader = Task.Factory.StartNew(ReadLoop, TaskCreationOptions.LongRunning);
    }

    public string User { get; private set; } = "";

    /// <summary>Completes when the server closed the connection (or it broke).</summary>
    public Task Reader { get; }

    public bool Closed => Reader.IsCompleted;

    /// <summary>Reads at most this many bytes per second (0: as fast as possible), as a client on a slow link.</summary>
    public int ReadBytesPerSecond { get; set; }

    /// <summary>Answers every <c>offline.batch</c> marker with <c>offline.ack</c>, as the real client does.</summary>
    public bool AcknowledgeOffline { get; set; }

    /// <summary>Stops reading the socket, as a slow consumer would.</summary>
    public void Pause() => _reading.Reset();

    /// <summary>Reads the socket again after <see cref="Pause"/>.</summary>
    public void Resume() => _reading.Set();

    public int FrameCount
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    public static async Task<TestClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new TestClient(tcp);
    }

    public static async Task<TestClient> LoginAsync(int port, string user, string? password = null, bool register = false)
    {
        TestClient client = await ConnectAsync(port);
        JsonElement reply = await client.RequestAsync("hello", new { protocol = 1, user, password, register });
        Assert.True(IsOk(reply), $"hello as {user} failed: {reply}");
        client.User = reply.GetProperty("user").GetString()!;
        await client.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#general" && Str(f, "user") == client.User);
        return client;
    }

    public IReadOnlyList<JsonElement> Frames()
    {
        lock (_gate)
        {
            return [.. _frames];
        }
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _sendGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public Task SendPayloadAsync(byte[] payload) => SendRawAsync(FrameWriter.Frame(payload));

    /// <summary>Sends a frame built from <paramref name="fields"/> plus <c>type</c> (and <c>id</c> when given).</summary>
    public Task SendAsync(string type, object? fields = null, string? id = null)
    {
        JsonObject frame = fields is null ? [] : JsonSerializer.SerializeToNode(fields, Json)!.AsObject();
        frame["type"] = type;
        if (id is not null)
        {
            frame["id"] = id;
        }
        return SendPayloadAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()));
    }

    /// <summary>Sends a request with a fresh id and returns its reply (<c>ok</c> or <c>error</c>).</summary>
    public async Task<JsonElement> RequestAsync(string type, object? fields = null, TimeSpan? timeout = null)
    {
        string id = "r" + Interlocked.Increment(ref _nextId);
        await SendAsync(type, fields, id);
        return await WaitForAsync(f => Str(f, "re") == id, timeout);
    }

    /// <summary>Sends a request and asserts it is refused with <paramref name="code"/>.</summary>
    public async Task ExpectErrorAsync(string code, string type, object? fields = null)
    {
        JsonElement reply = await RequestAsync(type, fields);
        Assert.True(Type(reply) == "error" && Str(reply, "code") == code, $"{type} should fail with {code}, got {reply}");
    }

    /// <summary>Sends a request and asserts it succeeds; returns the ok.</summary>
    public async Task<JsonElement> ExpectOkAsync(string type, object? fields = null)
    {
        JsonElement reply = await RequestAsync(type, fields);
        Assert.True(IsOk(reply), $"{type} should succeed, got {reply}");
        return reply;
    }

    /// <summary>Waits for a frame (received at index <paramref name="from"/> or later) matching <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null, int from = 0)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        int scanned = from;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (; scanned < _frames.Count; scanned++)
                {
                    if (match(_frames[scanned]))
                    {
                        return _frames[scanned];
                    }
                }
                changed = _changed.Task;
            }
            TimeSpan left = deadline - DateTime.UtcNow;
            bool noMoreFrames = Reader.IsCompleted && scanned == FrameCount;
            if (left <= TimeSpan.Zero || noMoreFrames)
            {
                throw new TimeoutException($"{User}: no matching frame; got {string.Join("\n", Frames().Skip(from).TakeLast(10).Select(f => Shorten(f.ToString())))}");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>True when a frame matching <paramref name="match"/> was received.</summary>
    public bool Saw(Func<JsonElement, bool> match)
    {
        lock (_gate)
        {
            return _frames.Any(match);
        }
    }

    public async Task WaitClosedAsync(TimeSpan? timeout = null)
    {
        await Reader.WaitAsync(timeout ?? Eventually.DefaultTimeout);
    }

    public void Abort()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        _reading.Set();
        try
        {
            await Reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        _sendGate.Dispose();
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    public static string Type(JsonElement frame) => Str(frame, "type") ?? "";

    public static bool IsOk(JsonElement frame) => Type(frame) == "ok";

    public static string? Str(JsonElement frame, string name) =>
        frame.ValueKind == JsonValueKind.Object && frame.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool IsError(JsonElement frame, string code) => Type(frame) == "error" && Str(frame, "code") == code;

    /// <summary>A <c>presence</c> event saying <paramref name="user"/> is <paramref name="online"/> (or offline).</summary>
    public static bool IsPresence(JsonElement frame, string user, bool online) =>
        Type(frame) == "presence" && Str(frame, "user") == user && frame.GetProperty("online").GetBoolean() == online;

    private void ReadLoop()
    {
        byte[] header = new byte[4];
        try
        {
            while (true)
            {
                _reading.Wait();
                if (!ReadExactly(header))
                {
                    return;
                }
                int length = BinaryPrimitives.ReadInt32BigEndian(header);
                byte[] payload = new byte[length];
                if (!ReadExactly(payload))
                {
                    return;
                }
                JsonElement frame = JsonDocument.Parse(payload).RootElement.Clone();
                if (AcknowledgeOffline && Type(frame) == "offline.batch")
                {
                    _ = SendAsync("offline.ack", new { batch = frame.GetProperty("batch").GetInt64() });
                }
                lock (_gate)
                {
                    _frames.Add(frame);
                    TaskCompletionSource changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    changed.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Closed by the server or by the test. A NetworkStream that DisposeAsync closes between
            // two reads throws InvalidOperationException ("does not support reading") at the next.
        }
        finally
        {
            lock (_gate)
            {
                _changed.TrySetResult();
            }
        }
    }

    private bool ReadExactly(byte[] buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int want = buffer.Length - filled;
            if (ReadBytesPerSecond > 0)
            {
                want = Math.Min(want, Math.Max(1, ReadBytesPerSecond / 100));
            }
            int read = _stream.Read(buffer, filled, want);
            if (read == 0)
            {
                return false;
            }
            filled += read;
            if (ReadBytesPerSecond > 0)
            {
                // A slow link: this read's share of a second (not a wait for a condition).
                Thread.Sleep(TimeSpan.FromSeconds((double)read / ReadBytesPerSecond));
            }
        }
        return true;
    }
}
