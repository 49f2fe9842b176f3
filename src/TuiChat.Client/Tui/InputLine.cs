using System.ComponentModel;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The " > " prompt, the editable text (<see cref="InputView"/>, 1 to 5 rows high) and, at the
/// right, the byte counter near the limit or the reason a line was not sent. Its height follows
/// the text; the window lays the panes out around it.
/// </summary>
internal sealed class InputLine : View
{
    private readonly InputLineViewModel _input;
    private readonly Label _counter;

    public InputLine(InputLineViewModel input)
    {
        _input = input;
        CanFocus = true;
        var prompt = new Label { X = 0, Y = 0, Text = " > " };
        _counter = new Label { X = Pos.AnchorEnd(), Y = 0, Width = Dim.Auto(), Height = 1, Text = "" };
        Field = new InputView(input) { X = Pos.Right(prompt), Y = 0, Width = Dim.Fill(Dim.Width(_counter)), Height = Dim.Fill() };
        Height = Dim.Func(_ => Field.VisibleRows);
        Add(prompt, Field, _counter);
        Initialized += (_, _) =>
        {
            Color background = GetAttributeForRole(VisualRole.Normal).Background;
            Field.SetScheme(Palette.Input(background));
            _counter.SetScheme(new Scheme(Palette.ForStatus(healthy: true, background)));
        };
        Field.RowsChanged += (_, _) => SetNeedsLayout();
        _input.PropertyChanged += OnInputChanged;
    }

    public InputView Field { get; }

    public void FocusInput() => Field.SetFocus();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.PropertyChanged -= OnInputChanged;
        }
        base.Dispose(disposing);
    }

    private void OnInputChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName is not (nameof(InputLineViewModel.Counter) or nameof(InputLineViewModel.Notice)))
        {
            return;
        }
        string text = _input.Notice.Length > 0 ? _input.Notice : _input.Counter;
        text = text.Length > 0 ? " " + text + " " : "";
        if (_counter.Text != text)
        {
            _counter.Text = text;
            Color background = GetAttributeForRole(VisualRole.Normal).Background;
            _counter.SetScheme(new Scheme(Palette.ForStatus(healthy: !_input.IsOverLimit, background)));
            SetNeedsLayout();
        }
    }
}
