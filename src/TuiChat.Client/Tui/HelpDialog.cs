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

    internal static IEnumerable<string> Lines()
    {
        int width = KeyHelp.Keys.Max(k => k.Keys.Length) + 2;
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
