export {
  DELETED_USER_NAME,
  type DeleteAccountResult,
  deleteAccount,
  deleteAccountBody,
  deletedEmail,
} from "./delete-account.ts";
