import type { ComponentProps, ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** The card every signed-out form sits in: sign in and up, forgotten and new password. */
export function AuthCard(props: { title: string; action: (form: FormData) => void; children: ReactNode }) {
  return (
    <Card className="mx-auto w-full max-w-sm">
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">{props.title}</h1>
      </CardHeader>
      <CardContent>
        <form action={props.action} className="flex flex-col gap-4">
          {props.children}
        </form>
      </CardContent>
    </Card>
  );
}

/** A labelled field: the label's text is the input's accessible name. */
export function AuthField({ label, ...input }: { label: string } & ComponentProps<"input">) {
  return (
    <Label className="flex-col items-stretch gap-1.5">
      {label}
      <Input {...input} />
    </Label>
  );
}

/** The server's error (announced at once) or a confirmation (announced politely). */
export function AuthMessage({ kind, text }: { kind: "error" | "ok"; text: string }) {
  return (
    <Alert variant={kind === "error" ? "destructive" : "success"} role={kind === "error" ? "alert" : "status"}>
      <AlertDescription>{text}</AlertDescription>
    </Alert>
  );
}
