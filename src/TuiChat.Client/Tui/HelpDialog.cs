using System.Collections.ObjectModel;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Commands;

namespace TuiChat.Client.Tui;

/// <summary>F1: every key, mouse action and command in one scrollable list. Esc, F1 or Enter closes it.</summary>
internal sealed class HelpDialog : Dialog
{
    public HelpDialog()
    {
        Title = "TuiChat help";
        Width = Dim.Percent(90);
        Height = Dim.Fill(1); // nearly the whole screen: every key fits at 40 rows; PageDown shows the rest of the commands

        // The default dialog scheme is dark blue on black in many terminals: hard to read.
        SetScheme(Palette.Dialog());
        var list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        list.SetSource(new ObservableCollection<string>(Lines()));
        // A list row does not wrap: at 80 columns the descriptions were cut at the dialog's edge.
        int wrappedTo = 0;
        list.FrameChanged += (_, _) =>
        {
            int width = list.Frame.Width;
            if (width > 0 && width != wrappedTo)
            {
                wrappedTo = width;
                list.SetSource(new ObservableCollection<string>(Rows(width)));
            }
        };
        Add(list);

        var close = new Button { Text = "Close", IsDefault = true };
        close.Accepting += (_, e) =>
        {
            e.Handled = true;
            RequestStop();
        };
        AddButton(close);

        KeyDown += (_, key) =>
        {
            if (key == Key.Esc || key == Key.F1)
            {
                key.Handled = true;
                RequestStop();
            }
        };
    }

    /// <summary>Shows the dialog modally and returns when it is closed.</summary>
    public static void Show(IApplication app)
    {
        using var dialog = new HelpDialog();
        app.Run(dialog);
    }

    /// <summary>
    /// <see cref="Lines"/> wrapped to <paramref name="width"/> columns: a key's description goes on
    /// under itself when the key column leaves it room (at most half the width, as
    /// <see cref="LineWrapper"/> allows), else, like a command's, a little indented.
    /// </summary>
    internal static IEnumerable<string> Rows(int width)
    {
        const int HangingIndent = 4;
        int descriptionColumn = KeyColumnWidth + 2;
        int keyIndent = descriptionColumn <= width / 2 ? descriptionColumn : HangingIndent;
        foreach (string line in Lines())
        {
            int indent = line.StartsWith("  /", StringComparison.Ordinal) ? HangingIndent : keyIndent;
            foreach (WrappedRow row in LineWrapper.Wrap(line, width, indent))
            {
                yield return LineWrapper.Text(line, row);
            }
        }
    }

    private static int KeyColumnWidth => KeyHelp.Keys.Max(k => k.Keys.Length) + 2;

    internal static IEnumerable<string> Lines()
    {
        int width = KeyColumnWidth;
        yield return "Keys and mouse";
        foreach (var (keys, action) in KeyHelp.Keys)
        {
            yield return "  " + keys.PadRight(width) + action;
        }
        yield return "";
        foreach (string line in CommandTable.HelpLines)
        {
            yield return line.StartsWith('/') ? "  " + line : line;
        }
    }
}
