using System.Reflection;
using System.Reflection.Emit;

namespace Habeas.Tests.Architecture;

/// <summary>The instructions of a compiled method body, for tests that read the program (wings, literals).</summary>
public static class Il
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>One instruction: its code and its 4-byte token operand, when it has one (0 otherwise).</summary>
    public readonly record struct Instruction(OpCode Code, int Token);

    public static IEnumerable<Instruction> Instructions(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }
        var i = 0;
        while (i < il.Length)
        {
            OpCode code;
            if (il[i] == 0xFE)
            {
                code = OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))];
                i += 2;
            }
            else
            {
                code = OpCodesByValue[il[i]];
                i += 1;
            }
            var size = OperandSize(code, il, i);
            var token = code.OperandType
                is OperandType.InlineMethod
                    or OperandType.InlineField
                    or OperandType.InlineType
                    or OperandType.InlineTok
                    or OperandType.InlineString
                ? BitConverter.ToInt32(il, i)
                : 0;
            yield return new Instruction(code, token);
            i += size;
        }
    }

    private static int OperandSize(OpCode code, byte[] il, int at) =>
        code.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
            _ => 4,
        };
}
