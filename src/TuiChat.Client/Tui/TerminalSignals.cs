using System.ComponentModel;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// What <see cref="Attention"/> decides, said to the terminal: the bell and desktop-notification
/// sequences of an alert, the window title (OSC 2), and, the other way, whether the terminal has
/// the focus: focus reporting (<c>ESC[?1004h</c>) is on while the client runs, and Terminal.Gui,
/// which does not know <c>ESC[I</c> / <c>ESC[O</c>, hands them over as swallowed sequences.
/// </summary>
internal sealed class TerminalSignals : IDisposable
{
    private readonly IDriver _driver;
    private readonly IInputProcessor _input;
    private readonly Attention _attention;

    public TerminalSignals(IApplication app, Attention attention)
    {
        _driver = app.Driver ?? throw new InvalidOperationException("the application is not initialised");
        _input = _driver.GetInputProcessor();
        _attention = attention;
        _driver.WriteRaw(TerminalAlerts.EnableFocusEvents);
        _input.AnsiSequenceSwallowed += OnSequence;
        attention.Alerted += OnAlerted;
        attention.PropertyChanged += OnAttentionChanged;
        ShowTitle();
    }

    public void Dispose()
    {
        _input.AnsiSequenceSwallowed -= OnSequence;
        _attention.Alerted -= OnAlerted;
        _attention.PropertyChanged -= OnAttentionChanged;
        _driver.WriteRaw(TerminalAlerts.DisableFocusEvents);
    }

    private void OnSequence(object? sender, string sequence)
    {
        if (sequence == TerminalAlerts.FocusIn)
        {
            _attention.TerminalFocused = true;
        }
        else if (sequence == TerminalAlerts.FocusOut)
        {
            _attention.TerminalFocused = false;
        }
    }

    private void OnAlerted(object? sender, Alert alert) => _driver.WriteRaw(TerminalAlerts.Sequences(alert));

    private void OnAttentionChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName == nameof(Attention.WindowTitle))
        {
            ShowTitle();
        }
    }

    private void ShowTitle() => _driver.SetTerminalTitle(_attention.WindowTitle, 2);
}
