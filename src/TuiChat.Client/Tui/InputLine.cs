using System.ComponentModel;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The "> " prompt and the text field, bound both ways to <see cref="InputLineViewModel"/>.
/// Enter submits; Up/Down in an empty input browse earlier lines; Esc clears.
/// Tab completes the last word (again: the next match); when there is nothing to complete
/// the key is left alone, so Tab moves to the next pane as everywhere else.
/// </summary>
internal sealed class InputLine : View
{
    private readonly InputLineViewModel _input;
    private bool _syncing;

    public InputLine(InputLineViewModel input)
    {
        _input = input;
        CanFocus = true;
        var prompt = new Label { X = 0, Y = 0, Text = " > " };
        Field = new TextField { X = Pos.Right(prompt), Y = 0, Width = Dim.Fill() };
        Add(prompt, Field);
        Initialized += (_, _) => Field.SetScheme(Palette.Input(GetAttributeForRole(Terminal.Gui.Drawing.VisualRole.Normal).Background));

        Field.TextChanged += (_, _) =>
        {
            if (!_syncing)
            {
                _input.Text = Field.Text;
            }
        };
        _input.PropertyChanged += OnInputChanged;
        Field.Accepting += (_, e) =>
        {
            e.Handled = true;
            _ = _input.SubmitAsync();
        };
        Field.KeyDown += OnKey;
    }

    public TextField Field { get; }

    public void FocusInput() => Field.SetFocus();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.PropertyChanged -= OnInputChanged;
        }
        base.Dispose(disposing);
    }

    private void OnKey(object? sender, Key key)
    {
        if (key == Key.Tab)
        {
            string before = _input.Text;
            // Text unchanged means the only match is already there: let Tab move on instead.
            key.Handled = _input.Complete() && _input.Text != before;
        }
        else if (key == Key.CursorUp)
        {
            key.Handled = _input.RecallPrevious();
        }
        else if (key == Key.CursorDown)
        {
            key.Handled = _input.RecallNext();
        }
        else if (key == Key.Esc)
        {
            _input.Text = "";
            key.Handled = true;
        }
    }

    private void OnInputChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName != nameof(InputLineViewModel.Text) || Field.Text == _input.Text)
        {
            return;
        }
        _syncing = true;
        try
        {
            Field.Text = _input.Text;
            Field.MoveEnd();
        }
        finally
        {
            _syncing = false;
        }
    }
}
