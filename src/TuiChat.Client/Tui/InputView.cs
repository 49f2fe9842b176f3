using System.Drawing;
using System.Globalization;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using TuiChat.Client.Core.Input;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The editable text of the input line, drawn from an <see cref="InputBuffer"/> through an
/// <see cref="InputLayout"/>: up to <see cref="MaxRows"/> rows, then it scrolls with the cursor.
/// It replaces Terminal.Gui's TextField, whose every key re-measured the whole text (typing
/// 1,500 characters cost seconds of CPU); here a key costs what it touches. Every key it is
/// given is handled, so no key typed into the input ever moves the focus; the keys are those of
/// a shell's line editor (see <see cref="KeyHelp"/>).
/// </summary>
internal sealed class InputView : View
{
    public const int MaxRows = 5;

    private readonly InputLineViewModel _input;
    private readonly InputBuffer _buffer;
    private readonly InputLayout _layout;
    private int _top;
    private int _visibleRows = 1;

    public InputView(InputLineViewModel input)
    {
        _input = input;
        _buffer = input.Buffer;
        _layout = new InputLayout(_buffer);
        CanFocus = true;
        _buffer.Changed += (_, _) => OnEdited();
        _buffer.CursorMoved += (_, _) => OnEdited();
        ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width)
            {
                OnEdited();
            }
        };
    }

    /// <summary>What an Enter key means here: a send, or a line break inside an unbracketed paste.</summary>
    public EnterRule Enter { get; set; } = new(terminalBracketsPastes: false);

    /// <summary>Whether more input has arrived behind the key being handled (<see cref="PendingInput"/>); tests give their own.</summary>
    public Func<bool> MoreInputWaiting { get; set; } = () => false;

    /// <summary>Rows the input wants to show (1..<see cref="MaxRows"/>); the owner sizes itself by it.</summary>
    public int VisibleRows => _visibleRows;

    /// <summary>Raised when <see cref="VisibleRows"/> changes.</summary>
    public event EventHandler? RowsChanged;

    /// <summary>Inserts pasted text at the cursor as it is: lines stay lines, nothing is sent.</summary>
    public void Paste(string text) => _buffer.Insert(text);

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.Enter)
        {
            if (Enter.IsLineBreak(_buffer.IsEmpty, MoreInputWaiting()))
            {
                _buffer.Insert("\n");
            }
            else
            {
                _ = _input.SubmitAsync();
            }
            return true;
        }
        if (Edit(key))
        {
            return true;
        }
        Rune rune = key.AsRune;
        if (rune.Value >= ' ' && !key.IsCtrl && !key.IsAlt)
        {
            _buffer.Insert(rune.ToString());
            return true;
        }
        return false;
    }

    /// <summary>Editing and moving keys; true when <paramref name="key"/> was one.</summary>
    private bool Edit(Key key)
    {
        // Alt+Enter reaches Terminal.Gui as ESC CR, which it reads as Ctrl+Alt+M; Shift+Enter only
        // from terminals that tell it apart from Enter.
        if (key == Key.Enter.WithShift || key == Key.Enter.WithAlt || key == Key.M.WithCtrl.WithAlt)
        {
            _buffer.Insert("\n");
        }
        else if (key == Key.Backspace)
        {
            _buffer.DeleteBack();
        }
        else if (key == Key.Delete || key == Key.D.WithCtrl)
        {
            _buffer.DeleteForward();
        }
        else if (key == Key.CursorLeft || key == Key.B.WithCtrl)
        {
            _buffer.MoveLeft();
        }
        else if (key == Key.CursorRight || key == Key.F.WithCtrl)
        {
            _buffer.MoveRight();
        }
        else if (key == Key.Home || key == Key.A.WithCtrl)
        {
            _buffer.MoveLineStart();
        }
        else if (key == Key.End || key == Key.E.WithCtrl)
        {
            _buffer.MoveLineEnd();
        }
        else if (key == Key.U.WithCtrl)
        {
            _buffer.KillToLineStart();
        }
        else if (key == Key.K.WithCtrl)
        {
            _buffer.KillToLineEnd();
        }
        else if (key == Key.W.WithCtrl || key == Key.Backspace.WithAlt)
        {
            _buffer.KillWordBack();
        }
        else if (key == Key.B.WithAlt || key == Key.CursorLeft.WithCtrl)
        {
            _buffer.MoveWordBack();
        }
        else if (key == Key.F.WithAlt || key == Key.CursorRight.WithCtrl)
        {
            _buffer.MoveWordForward();
        }
        else if (key == Key.CursorUp)
        {
            UpOrDown(-1);
        }
        else if (key == Key.CursorDown)
        {
            UpOrDown(+1);
        }
        else if (key == Key.Tab)
        {
            // Nothing to complete leaves everything as it was: Tab never takes the focus away.
            _input.Complete();
        }
        else if (key == Key.Esc)
        {
            _input.Clear();
        }
        else
        {
            return false;
        }
        return true;
    }

    /// <summary>History in an empty input or while recalling; otherwise the row above or below.</summary>
    private void UpOrDown(int step)
    {
        bool recalled = step < 0 ? _input.RecallPrevious() : _input.RecallNext();
        if (recalled)
        {
            return;
        }
        (int row, int column) = _layout.CursorCell();
        int target = row + step;
        if (target >= 0 && target < _layout.RowCount)
        {
            _buffer.MoveTo(_layout.IndexAt(target, column));
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(VisualRole.Normal);
        SetAttribute(normal);
        int width = Viewport.Width;
        for (int y = 0; y < Viewport.Height; y++)
        {
            Move(0, y);
            int row = _top + y;
            int used = row < _layout.RowCount ? DrawRow(_layout.Row(row)) : 0;
            if (used < width)
            {
                AddStr(new string(' ', width - used));
            }
        }
        PlaceCursor();
        return true;
    }

    /// <summary>Draws one row cluster by cluster, each fitted to the terminal and padded to its cells; returns the columns used.</summary>
    private int DrawRow(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            AddStr(text.ToString());
            return text.Length;
        }
        int used = 0;
        while (!text.IsEmpty)
        {
            int length = Math.Max(1, StringInfo.GetNextTextElementLength(text));
            string cluster = text[..length].ToString();
            int cells = CellWidth.OfCluster(cluster);
            string shown = cluster == "\t" ? " " : ScreenText.Profile.Fit(cluster);
            int shownCells = CellWidth.Of(shown);
            AddStr(shown + new string(' ', Math.Max(0, cells - shownCells)));
            used += Math.Max(cells, shownCells);
            text = text[length..];
        }
        return used;
    }

    private void OnEdited()
    {
        _layout.Width = Math.Max(2, Viewport.Width - 1); // one column for the cursor after a full row
        int rows = Math.Clamp(_layout.RowCount, 1, MaxRows);
        (int cursorRow, _) = _layout.CursorCell();
        if (cursorRow < _top)
        {
            _top = cursorRow;
        }
        else if (cursorRow >= _top + rows)
        {
            _top = cursorRow - rows + 1;
        }
        _top = Math.Clamp(_top, 0, Math.Max(0, _layout.RowCount - rows));
        if (rows != _visibleRows)
        {
            _visibleRows = rows;
            RowsChanged?.Invoke(this, EventArgs.Empty);
        }
        SetNeedsDraw();
        PlaceCursor();
    }

    private void PlaceCursor()
    {
        (int row, int column) = _layout.CursorCell();
        Cursor = Cursor with { Position = ViewportToScreen(new Point(column, row - _top)) };
    }
}
