using System.Net.Sockets;
using System.Text;
using TuiChat.Server.Irc;

namespace TuiChat.Server.Tests.Support;

/// <summary>A raw IRC client for conformance tests: sends lines, waits (with a deadline) for lines that match.</summary>
public sealed class IrcTestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;
    private readonly List<string> _seen = [];
    private int _consumed;

    private IrcTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public static async Task<IrcTestClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new IrcTestClient(tcp);
    }

    /// <summary>Connects, registers with NICK/USER (after CAP REQ of <paramref name="caps"/>), and waits for 001 and the end of the welcome (the MODE +i after the MOTD).</summary>
    public static async Task<IrcTestClient> RegisterAsync(int port, string nick, params string[] caps)
    {
        IrcTestClient client = await ConnectAsync(port);
        if (caps.Length > 0)
        {
            await client.SendAsync("CAP LS 302");
            await client.SendAsync($"CAP REQ :{string.Join(' ', caps)}");
            await client.ExpectAsync(m => m.Command == "CAP" && m.Param(1) == "ACK");
        }
        await client.SendAsync($"NICK {nick}");
        await client.SendAsync($"USER {nick} 0 * :{nick}");
        if (caps.Length > 0)
        {
            await client.SendAsync("CAP END");
        }
        await client.ExpectAsync(m => m.Command == "001");
        await client.ExpectAsync(m => m.Command is "376" or "422");
        await client.ExpectAsync(m => m.Command == "MODE");
        return client;
    }

    /// <summary>Connects and logs in the registered <paramref name="account"/> with SASL PLAIN (CAP REQ of sasl), up to the end of the welcome.</summary>
    public static async Task<IrcTestClient> RegisterWithSaslAsync(int port, string account, string password)
    {
        IrcTestClient client = await ConnectAsync(port);
        await client.SendAsync("CAP LS 302");
        await client.SendAsync("CAP REQ :sasl");
        await client.ExpectAsync(m => m.Command == "CAP" && m.Param(1) == "ACK");
        await client.SendAsync($"NICK {account}");
        await client.SendAsync($"USER {account} 0 * :{account}");
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE" && m.Param(0) == "+");
        await client.SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{account}\0{password}")));
        await client.ExpectAsync(m => m.Command == "903");
        await client.SendAsync("CAP END");
        await client.ExpectAsync(m => m.Command is "376" or "422");
        await client.ExpectAsync(m => m.Command == "MODE");
        return client;
    }

    public async Task SendAsync(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        await _stream.WriteAsync(bytes);
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Joins <paramref name="channels"/> (comma-separated) and waits for the end of the last one's NAMES.</summary>
    public async Task JoinAsync(string channels)
    {
        await SendAsync("JOIN " + channels);
        string last = channels.Split(',')[^1];
        await ExpectAsync(m => m.Command == "366" && m.Param(1) == last);
    }

    /// <summary>The next unconsumed line matching <paramref name="match"/> (lines before it are consumed too).</summary>
    public async Task<IrcMessage> ExpectAsync(Func<IrcMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            while (_consumed < _seen.Count)
            {
                string raw = _seen[_consumed++];
                if (IrcMessage.Parse(raw) is { } m && match(m))
                {
                    return m;
                }
            }
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching line; last lines:\n{string.Join("\n", _seen.TakeLast(40))}");
            }
            if (line is null)
            {
                throw new EndOfStreamException($"closed; last lines:\n{string.Join("\n", _seen.TakeLast(40))}");
            }
            _seen.Add(line);
        }
    }

    /// <summary>The next unconsumed line, whatever it is.</summary>
    public Task<IrcMessage> NextAsync() => ExpectAsync(_ => true);

    /// <summary>The raw text of the line <see cref="ExpectAsync"/> returned last.</summary>
    public string LastRaw => _seen[_consumed - 1];

    /// <summary>
    /// Sends PING with a fresh token and waits for its PONG: everything sent before it has been
    /// answered. Returns the lines that came before the PONG and were not consumed yet (what an
    /// assertion that something was not sent must look at: they are consumed now).
    /// </summary>
    public async Task<IReadOnlyList<IrcMessage>> SyncAsync()
    {
        string token = "sync" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync($"PING {token}");
        IReadOnlyList<IrcMessage> lines = await LinesUntilAsync(m => m.Command == "PONG" && m.Params[^1] == token);
        return lines.Take(lines.Count - 1).ToList();
    }

    /// <summary>Sends a CHATHISTORY command and returns the texts of the lines in the batch it answers with.</summary>
    public async Task<List<string>> HistoryAsync(string command)
    {
        await SendAsync(command);
        await ExpectAsync(m => m.Command == "BATCH" && m.Param(0).StartsWith('+'));
        var texts = new List<string>();
        while (await ExpectAsync(m => m.Command is "PRIVMSG" or "BATCH") is { Command: "PRIVMSG" } line)
        {
            texts.Add(line.Param(1));
        }
        return texts;
    }

    /// <summary>Like <see cref="ExpectAsync"/>, but returns every line it consumed, the matching one last.</summary>
    public async Task<IReadOnlyList<IrcMessage>> LinesUntilAsync(Func<IrcMessage, bool> match)
    {
        int from = _consumed;
        await ExpectAsync(match);
        return [.. _seen[from.._consumed].Select(IrcMessage.Parse).OfType<IrcMessage>()];
    }

    /// <summary>Every line received up to now that has not been consumed, parsed.</summary>
    public IReadOnlyList<IrcMessage> Unconsumed() =>
        [.. _seen.Skip(_consumed).Select(IrcMessage.Parse).OfType<IrcMessage>()];

    /// <summary>Waits until the server closes the connection.</summary>
    public async Task WaitClosedAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        while (await _reader.ReadLineAsync(cts.Token) is { } line)
        {
            _seen.Add(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
