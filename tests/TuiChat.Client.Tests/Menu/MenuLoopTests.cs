using System.Collections.Concurrent;
using System.Globalization;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Menu;

namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// The menu client's loop in this process, typed into through stdin while another user floods
/// the room and writes to the user directly from its own connection: every view-model call and
/// every event runs on the loop's one thread, so nothing enumerates a collection the reader
/// thread is changing, and every line is printed by that thread, never in the middle of another.
/// </summary>
public sealed class MenuLoopTests
{
    private const int FloodLines = 400;
    private const int Rounds = 40;

    [Fact]
    public async Task MenuDrivenFromStdin_WhileEventsPourIn_RunsWithoutAnException()
    {
        using RealServer server = await RealServer.StartAsync(requestsPerSecond: 0);
        var input = new LineFeed();
        var output = new LineSink();
        var settings = new TuiChat.Client.Core.ViewModels.ChatSettings { DownloadsFolder = Path.GetTempPath() };
        await using ChatConnection alice = server.Connection("alice");
        int menuThread = 0;
        Task<int> menu = Task.Factory.StartNew(() =>
        {
            menuThread = Environment.CurrentManagedThreadId;
            return MenuClient.Run(settings, alice, input, output);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await output.WaitForAsync("logged in as alice");

        await using ChatConnection bob = server.Connection("bob");
        await bob.ConnectAsync();
        Task flood = Task.Run(async () =>
        {
            for (int i = 0; i < FloodLines; i++)
            {
                await bob.SendMessageAsync("#general", "flood " + i.ToString(CultureInfo.InvariantCulture));
                if (i % 10 == 0)
                {
                    // Opens @bob on alice's side from the reader thread while she closes it from the menu.
                    await bob.SendMessageAsync("alice", "psst " + i.ToString(CultureInfo.InvariantCulture));
                }
                if (i % 50 == 0)
                {
                    await bob.JoinAsync("#side");
                    await bob.LeaveAsync("#side");
                }
            }
        });

        for (int round = 0; round < Rounds; round++)
        {
            string n = round.ToString(CultureInfo.InvariantCulture);
            input.Type("/users");
            input.Type("7");
            input.Type("/join #side");
            input.Type("1", "#general", "round " + n);
            input.Type("/msg bob private " + n);
            input.Type("/leave #side");
            input.Type("/close @bob");
            input.Type("/rooms");
        }
        await flood;
        await output.WaitForAsync($"] \\d\\d:\\d\\d bob: flood {FloodLines - 1}$");
        await output.WaitForAsync($"alice: round {Rounds - 1}$");
        input.Type("0");

        Assert.Equal(0, await menu.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(output.Lines, l => l.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain(output.Lines, l => l.StartsWith("error:", StringComparison.Ordinal) || l.Contains("- error:", StringComparison.Ordinal));
        Assert.Equal([menuThread], output.WriterThreads);
    }

    /// <summary>Stdin as a script types it: whole lines, ending when closed.</summary>
    private sealed class LineFeed : TextReader
    {
        private readonly BlockingCollection<string> _lines = [];

        public void Type(params string[] lines)
        {
            foreach (string line in lines)
            {
                _lines.Add(line);
            }
        }

        public override string? ReadLine() => _lines.TryTake(out string? line, Timeout.Infinite) ? line : null;

        protected override void Dispose(bool disposing)
        {
            _lines.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Stdout kept as lines, with a wait for the one a test expects, and the threads that wrote it.</summary>
    private sealed class LineSink : TextWriter
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];
        private readonly HashSet<int> _writerThreads = [];
        private readonly System.Text.StringBuilder _current = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public IReadOnlyCollection<int> WriterThreads
        {
            get
            {
                lock (_gate)
                {
                    return [.. _writerThreads];
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _writerThreads.Add(Environment.CurrentManagedThreadId);
                if (value == '\n')
                {
                    _lines.Add(_current.ToString().TrimEnd('\r'));
                    _current.Clear();
                }
                else
                {
                    _current.Append(value);
                }
            }
        }

        public async Task WaitForAsync(string pattern)
        {
            var regex = new System.Text.RegularExpressions.Regex(pattern);
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!Lines.Any(regex.IsMatch))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no line matching {pattern}; last lines:\n{string.Join('\n', Lines.TakeLast(20))}");
                await Task.Delay(20);
            }
        }
    }
}
