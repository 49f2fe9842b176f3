using System.Runtime.InteropServices;

namespace TuiChat.Protocol.Text;

/// <summary>
/// Full Unicode case folding (<c>u_strFoldCase</c>) and the UTS #39 confusable skeleton
/// (<c>uspoof_getSkeleton</c>) from the system ICU. .NET has neither of its own, and on Linux it
/// already loads this ICU for globalization, so no data file ships with TuiChat: the confusables
/// table is the one the system's ICU package keeps up to date. ICU exports its C functions with the
/// major version as a suffix (<c>u_strFoldCase_72</c>); the library is found by probing versions as
/// .NET itself does. Without ICU the process fails at its first name check with a clear message.
/// </summary>
internal static class Icu
{
    private const int MaxProbedVersion = 90;
    private const int MinProbedVersion = 50;
    private const int FoldCaseDefault = 0;
    private const int BufferOverflowError = 15;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int FoldCaseFn([Out] char[] dest, int destCapacity, string src, int srcLength, uint options, ref int error);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint SpoofOpenFn(ref int error);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int SkeletonFn(nint checker, uint type, string id, int length, [Out] char[] dest, int destCapacity, ref int error);

    private static readonly Lazy<Functions> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Full case folding (ß → ss, ς → σ, İ → i̇), the default (non-Turkic) mapping.</summary>
    public static string FoldCase(string text)
    {
        Functions f = Loaded.Value;
        return Call(text, (char[] dest, ref int error) => f.FoldCase(dest, dest.Length, text, text.Length, FoldCaseDefault, ref error));
    }

    /// <summary>The confusable skeleton: two strings that look alike have the same skeleton.</summary>
    public static string Skeleton(string text)
    {
        Functions f = Loaded.Value;
        // The checker is only read here; ICU documents its const functions as thread-safe.
        return Call(text, (char[] dest, ref int error) => f.Skeleton(f.Checker, 0, text, text.Length, dest, dest.Length, ref error));
    }

    private delegate int Fill(char[] dest, ref int error);

    private static string Call(string text, Fill fill)
    {
        char[] dest = new char[Math.Max(16, text.Length * 3)];
        int error = 0;
        int length = fill(dest, ref error);
        if (error == BufferOverflowError)
        {
            dest = new char[length];
            error = 0;
            length = fill(dest, ref error);
        }
        if (error > 0)
        {
            throw new InvalidOperationException($"ICU failed with error {error}");
        }
        return new string(dest, 0, length);
    }

    private sealed record Functions(FoldCaseFn FoldCase, SkeletonFn Skeleton, nint Checker);

    private static Functions Load()
    {
        for (int version = MaxProbedVersion; version >= MinProbedVersion; version--)
        {
            if (NativeLibrary.TryLoad($"libicuuc.so.{version}", out nint common)
                && NativeLibrary.TryLoad($"libicui18n.so.{version}", out nint i18n))
            {
                string suffix = "_" + version;
                var foldCase = Export<FoldCaseFn>(common, "u_strFoldCase" + suffix);
                var open = Export<SpoofOpenFn>(i18n, "uspoof_open" + suffix);
                var skeleton = Export<SkeletonFn>(i18n, "uspoof_getSkeleton" + suffix);
                int error = 0;
                nint checker = open(ref error);
                if (error > 0 || checker == 0)
                {
                    throw new InvalidOperationException($"ICU {version}: uspoof_open failed with error {error}");
                }
                return new Functions(foldCase, skeleton, checker);
            }
        }
        throw new PlatformNotSupportedException(
            "TuiChat compares names with the system ICU (libicuuc, libicui18n), which was not found; install the libicu package");
    }

    private static T Export<T>(nint library, string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
}
