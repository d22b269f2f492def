import { authConfig } from "@videofly/auth";
import { AuthForm } from "@/components/auth-form";

export const dynamic = "force-dynamic";

// OAuth buttons appear only for the providers this server has credentials for.
export default function SignInPage() {
  const config = authConfig();
  const oauth = (["google", "github"] as const).filter((provider) => config[provider] !== undefined);
  return <AuthForm mode="sign-in" oauth={oauth} />;
}
