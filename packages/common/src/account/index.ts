export {
  DELETED_USER_NAME,
  type DeleteAccountResult,
  deleteAccount,
  deleteAccountBody,
  deleteAccountResult,
  deletedEmail,
} from "./delete-account.ts";
