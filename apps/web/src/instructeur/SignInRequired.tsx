import { Navigate, useLocation } from 'react-router-dom';
import { signInPath } from '../account/returnPath';

/** A signed-out visitor goes to the sign-in page, and comes back to this very page (search included) afterwards. */
export function SignInRequired() {
  const location = useLocation();
  return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
}
