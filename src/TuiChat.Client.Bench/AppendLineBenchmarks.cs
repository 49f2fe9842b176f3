using BenchmarkDotNet.Attributes;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Bench;

/// <summary>
/// A room left open for a long time: the cost of one more line, after <see cref="LinesBefore"/>
/// lines already arrived, through the view-model (the conversation list and the conversation's
/// bounded log) and through the log pane that wraps and shows it. Flat means a room open for a
/// week costs what it cost in the first minute; the retained lines stay at the configured bound.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup]")]
// In process: no generated runner project to build (that took minutes on the shared machine).
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public class AppendLineBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private ConversationList _list = null!;
    private ConversationViewModel _room = null!;
    private MessageLogPane? _pane;
    private IApplication? _app;
    private long _nextId;

    [Params(1_000, 100_000)]
    public int LinesBefore { get; set; }

    /// <summary>Also show the lines in a <see cref="MessageLogPane"/> (100 columns, 30 rows) on Terminal.Gui's virtual driver.</summary>
    [Params(false, true)]
    public bool WithPane { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        _list = new ConversationList(new ChatSettings());
        _room = _list.GetOrAdd("#general");
        _list.Select(_room);
        for (int i = 0; i < LinesBefore; i++)
        {
            AppendOne();
        }
        if (WithPane)
        {
            // The pane is shown after the lines arrived: it wraps what the log kept, once.
            _app = Application.Create();
            _app.Init(DriverRegistry.Names.ANSI);
            _pane = new MessageLogPane { Width = 100, Height = 30 };
            _pane.Layout(new System.Drawing.Size(100, 30));
            _pane.Show(_room);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// lines kept: {_room.Lines.Count}, pane rows: {_pane?.Rows.Count ?? 0}");
        _pane?.Dispose();
        _app?.Dispose();
    }

    [Benchmark(Description = "append one line")]
    public void AppendOne()
    {
        long id = ++_nextId;
        _list.AddLine(_room, new LogLine
        {
            MsgId = id,
            Time = Start.AddSeconds(id),
            TimeText = "09:00",
            Kind = LineKind.Chat,
            From = "bob",
            Text = "a line of ordinary chat, long enough to be realistic: " + id,
        });
    }
}
