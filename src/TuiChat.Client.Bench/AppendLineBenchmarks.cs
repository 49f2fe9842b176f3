using BenchmarkDotNet.Attributes;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
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
    private Window? _window;
    private IApplication? _app;
    private SessionToken? _session;
    private long _nextId;

    [Params(1_000, 100_000)]
    public int LinesBefore { get; set; }

    /// <summary>
    /// <see cref="LogView.None"/>: the view-model only. <see cref="LogView.Shown"/>: also a
    /// <see cref="MessageLogPane"/> (100 columns, 30 rows) on Terminal.Gui's virtual driver that
    /// wraps and counts the line. <see cref="LogView.Drawn"/>: and the screen drawn after each
    /// line, as the client's main loop does.
    /// </summary>
    [Params(LogView.None, LogView.Shown, LogView.Drawn)]
    public LogView Pane { get; set; }

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
        if (Pane != LogView.None)
        {
            // The pane is shown after the lines arrived: it wraps what the log kept, once.
            _app = Application.Create();
            _app.Init(DriverRegistry.Names.ANSI);
            _app.Driver!.SetScreenSize(100, 30);
            _pane = new MessageLogPane(() => "alice") { Width = Dim.Fill(), Height = Dim.Fill() };
            _window = new Window { BorderStyle = Terminal.Gui.Drawing.LineStyle.None };
            _window.Add(_pane);
            _session = _app.Begin(_window);
            _pane.Show(_room);
            _app.LayoutAndDraw(true);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// lines kept: {_room.Lines.Count}, pane rows: {_pane?.RowCount ?? 0}");
        if (_session is not null)
        {
            _app!.End(_session);
        }
        _window?.Dispose();
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
        if (Pane == LogView.Drawn)
        {
            _app?.LayoutAndDraw(); // null while the setup fills the log
        }
    }
}

/// <summary>How much of the screen an appended line goes through in <see cref="AppendLineBenchmarks"/>.</summary>
public enum LogView
{
    None,
    Shown,
    Drawn,
}
