using System.Reflection;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace TuiChat.Client.Tui;

/// <summary>
/// The terminal's input as Terminal.Gui's ANSI driver reads it, but decoded with one UTF-8 decoder
/// for the whole session. Terminal.Gui 2.5.0's <see cref="AnsiInput"/> reads 256 bytes at a time
/// and decodes each read on its own, so a character whose bytes straddle two reads became two
/// <c>U+FFFD</c>: any paste over 256 bytes of accents, CJK or emoji lost characters (320 CJK
/// characters every time). Here the bytes a read ends in the middle of a character wait in the
/// decoder for the rest. Raw mode, <see cref="AnsiInput.Peek"/> (is the terminal readable?) and
/// everything else stay the driver's; only the reading is this class's, on a terminal. Without
/// one (the headless tests) the driver's own reading serves its injected input.
/// </summary>
internal sealed class WholeCharacterInput : AnsiInput
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly byte[] _bytes = new byte[4096];
    // A read may complete up to three bytes held from the one before: room for their characters too.
    private readonly char[] _chars = new char[4096 + 4];
    private readonly FileStream? _terminal;

    public WholeCharacterInput()
    {
        // The full-screen client runs only with the terminal on standard input (else the menu
        // client), which is then where the driver put into raw mode and polls.
        if (IsAttachedToTerminal && !OperatingSystem.IsWindows() && !Console.IsInputRedirected)
        {
            _terminal = new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        }
    }

    /// <summary>
    /// Makes <paramref name="app"/> (created, not yet initialised) use this input under its ANSI
    /// driver, where that is the driver it would choose. Terminal.Gui 2.5.0 takes a driver's parts
    /// only through a constructor it keeps internal, so the parts go into the field that constructor
    /// sets; false (and the driver's own input) when that field is not there, as in another version.
    /// </summary>
    public static bool Install(IApplication app)
    {
        if (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(app.ForceDriver) || DriverRegistry.GetDefaultDriver().Name != DriverRegistry.Names.ANSI)
        {
            return false;
        }
        FieldInfo? parts = app.GetType().GetField("_componentFactory", BindingFlags.Instance | BindingFlags.NonPublic);
        if (parts is null || parts.FieldType != typeof(IComponentFactory) || parts.GetValue(app) is not null)
        {
            return false;
        }
        parts.SetValue(app, new AnsiComponentFactory(new WholeCharacterInput()));
        return true;
    }

    /// <summary>What the terminal has sent (the driver asks only once <see cref="AnsiInput.Peek"/> said there is some).</summary>
    public override IEnumerable<char> Read()
    {
        if (_terminal is null)
        {
            return base.Read();
        }
        int read = _terminal.Read(_bytes, 0, _bytes.Length);
        if (read <= 0)
        {
            return [];
        }
        int count = _decoder.GetChars(_bytes, 0, read, _chars, 0, flush: false);
        return _chars.AsSpan(0, count).ToArray();
    }

    public override void Dispose()
    {
        _terminal?.Dispose();
        base.Dispose();
    }
}
