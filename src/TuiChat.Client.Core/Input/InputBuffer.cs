using System.Text;
using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Input;

/// <summary>
/// The text being typed and the cursor, with the editing moves of a shell's line editor. Every
/// operation costs what the edit touches, not what the text holds: the text is one char array
/// (an insert moves only the chars after the cursor, nothing at the end), the UTF-8 byte count
/// is kept up to date by the edits, and grapheme boundaries are found in a small window around
/// the cursor. <see cref="Changed"/> says from which index the text changed, so a view re-wraps
/// only from there. The cursor always sits on a grapheme boundary.
/// </summary>
public sealed class InputBuffer
{
    /// <summary>How far back a grapheme boundary is searched; a cluster longer than this is split.</summary>
    private const int ClusterWindow = 64;

    private char[] _chars = new char[256];
    private int _length;

    /// <summary>The text changed from this index on (the cursor may have moved as well).</summary>
    public event EventHandler<int>? Changed;

    /// <summary>Only the cursor moved.</summary>
    public event EventHandler? CursorMoved;

    public int Length => _length;

    /// <summary>The cursor as a char index into the text, 0..<see cref="Length"/>.</summary>
    public int Cursor { get; private set; }

    /// <summary>The text's size on the wire (UTF-8), kept by the edits.</summary>
    public int ByteCount { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public bool IsEmpty => _length == 0;

    public override string ToString() => new(_chars, 0, _length);

    /// <summary>Replaces the whole text and puts the cursor at its end.</summary>
    public void SetText(string text)
    {
        _length = 0;
        ByteCount = 0;
        Cursor = 0;
        InsertRaw(0, TypedText.Normalize(text));
        Cursor = _length;
        Changed?.Invoke(this, 0);
    }

    /// <summary>
    /// Types or pastes <paramref name="text"/> at the cursor. Line ends (CR, CRLF — what a terminal
    /// sends for a pasted newline) become LF; tabs stay; other control characters are dropped, so a
    /// stray escape sequence can never reach a message.
    /// </summary>
    public void Insert(string text)
    {
        string clean = TypedText.Normalize(text);
        if (clean.Length == 0)
        {
            return;
        }
        int at = Cursor;
        InsertRaw(at, clean);
        Cursor = at + clean.Length;
        // A combining mark or a modifier joins the cluster before it: that cluster changed too.
        Changed?.Invoke(this, PreviousBoundary(at));
    }

    /// <summary>Backspace: removes the grapheme before the cursor.</summary>
    public bool DeleteBack()
    {
        if (Cursor == 0)
        {
            return false;
        }
        Remove(PreviousBoundary(Cursor), Cursor);
        return true;
    }

    /// <summary>Delete: removes the grapheme under the cursor.</summary>
    public bool DeleteForward()
    {
        if (Cursor == _length)
        {
            return false;
        }
        Remove(Cursor, NextBoundary(Cursor));
        return true;
    }

    public void MoveLeft() => MoveTo(PreviousBoundary(Cursor));

    public void MoveRight() => MoveTo(NextBoundary(Cursor));

    /// <summary>Ctrl+A / Home: the start of the line the cursor is on.</summary>
    public void MoveLineStart() => MoveTo(LineStart(Cursor));

    /// <summary>Ctrl+E / End: the end of the line the cursor is on.</summary>
    public void MoveLineEnd() => MoveTo(LineEnd(Cursor));

    /// <summary>Ctrl+U: deletes from the start of the line to the cursor.</summary>
    public void KillToLineStart() => Remove(LineStart(Cursor), Cursor);

    /// <summary>Ctrl+K: deletes from the cursor to the end of the line.</summary>
    public void KillToLineEnd() => Remove(Cursor, LineEnd(Cursor));

    /// <summary>Ctrl+W: deletes the word before the cursor (and the blanks after it), as a shell does.</summary>
    public void KillWordBack() => Remove(WordStartBefore(Cursor), Cursor);

    /// <summary>Alt+B: to the start of the word before the cursor.</summary>
    public void MoveWordBack() => MoveTo(WordStartBefore(Cursor));

    /// <summary>Alt+F: to the end of the word after the cursor.</summary>
    public void MoveWordForward()
    {
        int i = Cursor;
        while (i < _length && char.IsWhiteSpace(_chars[i]))
        {
            i++;
        }
        while (i < _length && !char.IsWhiteSpace(_chars[i]))
        {
            i++;
        }
        MoveTo(i);
    }

    /// <summary>Puts the cursor at <paramref name="index"/> (a grapheme boundary, e.g. from a layout).</summary>
    public void MoveTo(int index)
    {
        index = Math.Clamp(index, 0, _length);
        if (index != Cursor)
        {
            Cursor = index;
            CursorMoved?.Invoke(this, EventArgs.Empty);
        }
    }

    public int LineStart(int index)
    {
        int i = index;
        while (i > 0 && _chars[i - 1] != '\n')
        {
            i--;
        }
        return i;
    }

    public int LineEnd(int index)
    {
        int i = index;
        while (i < _length && _chars[i] != '\n')
        {
            i++;
        }
        return i;
    }

    /// <summary>The grapheme boundary after <paramref name="index"/>.</summary>
    public int NextBoundary(int index)
    {
        if (index >= _length)
        {
            return _length;
        }
        int end = Math.Min(_length, index + ClusterWindow);
        return index + CellWidth.NextClusterLength(_chars.AsSpan(index, end - index));
    }

    /// <summary>
    /// The grapheme boundary before <paramref name="index"/>: clusters are walked forward from a
    /// line start or from <see cref="ClusterWindow"/> chars back, whichever is nearer.
    /// </summary>
    public int PreviousBoundary(int index)
    {
        if (index <= 0)
        {
            return 0;
        }
        // An ASCII char after nothing that could prefix it (prepend marks are U+0600 and up) is
        // a cluster of its own, unless a mark or joiner follows (then index is not a boundary).
        char last = _chars[index - 1];
        if (last < '\u0080' && last != '\n' && (index == 1 || _chars[index - 2] < '\u0600'))
        {
            return index - 1;
        }
        int start = Math.Max(index - ClusterWindow, 0);
        int newline = Array.LastIndexOf(_chars, '\n', index - 1, index - start);
        if (newline >= 0)
        {
            start = newline == index - 1 ? newline : newline + 1;
        }
        int boundary = start;
        while (true)
        {
            int next = boundary + CellWidth.NextClusterLength(_chars.AsSpan(boundary, index - boundary));
            if (next >= index)
            {
                return boundary;
            }
            boundary = next;
        }
    }

    private int WordStartBefore(int index)
    {
        int i = index;
        while (i > 0 && char.IsWhiteSpace(_chars[i - 1]))
        {
            i--;
        }
        while (i > 0 && !char.IsWhiteSpace(_chars[i - 1]))
        {
            i--;
        }
        return i;
    }

    private void InsertRaw(int at, string text)
    {
        EnsureCapacity(_length + text.Length);
        Array.Copy(_chars, at, _chars, at + text.Length, _length - at);
        text.CopyTo(0, _chars, at, text.Length);
        _length += text.Length;
        ByteCount += Encoding.UTF8.GetByteCount(text);
    }

    private void Remove(int from, int to)
    {
        if (to <= from)
        {
            return;
        }
        ByteCount -= Encoding.UTF8.GetByteCount(_chars.AsSpan(from, to - from));
        Array.Copy(_chars, to, _chars, from, _length - to);
        _length -= to - from;
        Cursor = from;
        Changed?.Invoke(this, PreviousBoundary(from));
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));
        }
    }
}
